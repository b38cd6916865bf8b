package dev.lox;

import dev.lox.api.JitMode;

/** Every test of {@link ConcurrencyTest}, with every function and script compiled before it runs. */
class ConcurrencyCompiledTest extends ConcurrencyTest {
  @Override
  JitMode mode() {
    return JitMode.ALWAYS;
  }
}
