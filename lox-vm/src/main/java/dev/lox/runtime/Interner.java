package dev.lox.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands out one {@link LoxString} per distinct byte sequence, so that names compiled in one
 * program, or typed into one REPL session, compare by identity. Not thread-safe: each compilation
 * or VM owns its own.
 */
public final class Interner {
  private final Map<LoxString, LoxString> strings = new HashMap<>();

  public LoxString intern(LoxString string) {
    LoxString existing = strings.putIfAbsent(string, string);
    return existing == null ? string : existing;
  }

  public LoxString intern(byte[] bytes) {
    return intern(new LoxString(bytes));
  }
}
