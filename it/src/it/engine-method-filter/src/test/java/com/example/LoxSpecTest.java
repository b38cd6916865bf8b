package com.example;

import dev.lox.testing.engine.LoxTests;

/** Every .lox file under src/test/lox is a test of this class. */
@LoxTests
class LoxSpecTest {}
