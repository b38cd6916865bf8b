package dev.lox;

import dev.lox.api.JitMode;

/** Every test of {@link StopTest}, with every function and script compiled before it runs. */
class StopCompiledTest extends StopTest {
  @Override
  JitMode mode() {
    return JitMode.ALWAYS;
  }
}
