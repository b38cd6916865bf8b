package dev.lox.chunk;

/**
 * One thing wrong with a chunk, as data: where it is and what it is.
 *
 * @param function the function's index in the chunk (depth-first, the script is 0), or -1 when
 *     the problem concerns the file itself (header, checksum, encoding)
 * @param functionName the function's name as traces print it ({@code script} for the top level),
 *     or {@code null} when {@code function} is -1
 * @param offset for a function, the offset of the offending instruction in its code, or -1 when
 *     the problem is not at an instruction; for the file, the byte offset in the file, or -1
 * @param message what is wrong, for example {@code jump target out of range}
 */
public record ChunkProblem(int function, String functionName, int offset, String message) {
  /** A problem with the file as a whole. */
  static ChunkProblem file(String message) {
    return new ChunkProblem(-1, null, -1, message);
  }

  /** A problem at a byte of the file. */
  static ChunkProblem atByte(int offset, String message) {
    return new ChunkProblem(-1, null, offset, message);
  }

  /**
   * The problem as one line, for example {@code function 'f' at offset 12: jump target out of
   * range}, or {@code checksum mismatch}.
   */
  @Override
  public String toString() {
    if (function < 0) {
      return offset < 0 ? message : "malformed at byte " + offset + ": " + message;
    }
    String where = function == 0 ? "script" : "function '" + functionName + "'";
    return offset < 0 ? where + ": " + message : where + " at offset " + offset + ": " + message;
  }
}
