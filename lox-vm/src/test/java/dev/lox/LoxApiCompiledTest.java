package dev.lox;

import dev.lox.api.JitMode;

/** Every test of {@link LoxApiTest}, with every function and script compiled before it runs. */
class LoxApiCompiledTest extends LoxApiTest {
  @Override
  JitMode mode() {
    return JitMode.ALWAYS;
  }
}
