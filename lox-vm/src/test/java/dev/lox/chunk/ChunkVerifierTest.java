package dev.lox.chunk;

import static dev.lox.chunk.Chunks.bytes;
import static dev.lox.chunk.Chunks.constants;
import static dev.lox.chunk.Chunks.fn;
import static dev.lox.chunk.Chunks.script;
import static dev.lox.chunk.OpCode.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.LoadResult;
import dev.lox.Lox;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The verifier against hand-written hostile functions, each aimed at one thing the VM relies on.
 * Every one is written to a chunk file and loaded back, so the whole path is exercised.
 */
class ChunkVerifierTest {

  /** Everything the compiler produces for the project's programs verifies, with its own maxStack. */
  @Test
  void compiledProgramsVerify() throws Exception {
    Set<OpCode> seen = EnumSet.noneOf(OpCode.class);
    int functions = 0;
    for (FunctionProto script : Chunks.compiledPrograms()) {
      assertEquals(List.of(), ChunkVerifier.verify(script));
      for (FunctionProto f : ChunkWriter.inOrder(script)) {
        functions++;
        assertEquals(f.maxStack, StackDepth.maxDepth(f.code, f.constants, f.arity));
        for (int at = 0; at < f.code.length; at += Instructions.length(f.code, at, f.constants)) {
          seen.add(OpCode.of(f.code[at]));
        }
      }
    }
    assertTrue(functions > 500, "found " + functions + " functions");
    Set<OpCode> unseen = EnumSet.complementOf(EnumSet.copyOf(seen));
    if (!unseen.isEmpty()) {
      System.out.println("ChunkVerifierTest: opcodes no test program uses: " + unseen);
    }
  }

  // ---- Hostile functions ----

  private static final Object[] NO_CONSTANTS = {};

  /** Writes the script to a chunk, loads it back, and expects a problem containing the text. */
  private static void assertRejected(FunctionProto script, String expected) {
    List<ChunkProblem> direct = ChunkVerifier.verify(script);
    LoadResult loaded = Lox.load(bytes(script));
    assertFalse(loaded.succeeded(), "accepted; expected: " + expected);
    assertEquals(direct, loaded.problems());
    assertTrue(loaded.problems().stream().anyMatch(p -> p.toString().contains(expected)),
        "expected '" + expected + "' in " + loaded.problems());
    String line = loaded.describe("bad.loxc");
    assertTrue(line.startsWith("bad.loxc: ") && !line.contains("\n"), line);
  }

  @Test
  void jumpIntoAnOperand() {
    // 1: JUMP_IF_FALSE lands on 5, the operand of the CONSTANT at 4.
    assertRejected(script(3, constants(1), TRUE, JUMP_IF_FALSE, 0, 1, CONSTANT, 0, POP, POP, NIL, RETURN),
        "script at offset 1: jump target 5 is inside an instruction");
  }

  @Test
  void jumpsOutOfTheCode() {
    assertRejected(script(2, NO_CONSTANTS, JUMP, 0xff, 0xff, NIL, RETURN),
        "script at offset 0: jump target 65538 out of range");
    assertRejected(script(2, NO_CONSTANTS, NIL, POP, LOOP, 0, 9, NIL, RETURN),
        "jump target -4 out of range");
    // A jump to just past the end is out of range too: nothing is there to run.
    assertRejected(script(2, NO_CONSTANTS, JUMP, 0, 2, NIL, RETURN), "jump target 5 out of range");
  }

  @Test
  void constantsOfTheWrongType() {
    FunctionProto nested = fn("f", 0, 0, 2, NO_CONSTANTS, NIL, RETURN);
    assertRejected(script(2, constants(1), GET_GLOBAL, 0, RETURN),
        "OP_GET_GLOBAL needs a string constant, but constant 0 is a number");
    assertRejected(script(2, constants(nested), CONSTANT, 0, RETURN),
        "OP_CONSTANT needs a number or a string constant, but constant 0 is a function");
    assertRejected(script(2, constants("f"), CLOSURE, 0, RETURN),
        "OP_CLOSURE needs a function constant, but constant 0 is a string");
    assertRejected(script(3, constants("x", 1), NIL, CLASS, 0, METHOD, 1, RETURN),
        "OP_METHOD needs a string constant, but constant 1 is a number");
    assertRejected(script(3, constants(1, nested), NIL, INVOKE, 1, 0, RETURN),
        "OP_INVOKE needs a string constant, but constant 1 is a function");
    assertRejected(script(2, constants(1), CONSTANT, 1, RETURN),
        "constant index 1 out of range (the function has 1)");
  }

  @Test
  void upvaluesOutOfRange() {
    FunctionProto inner = fn("inner", 0, 2, 2, NO_CONSTANTS, NIL, RETURN);
    // The script has no upvalues, so it cannot pass one on.
    assertRejected(script(3, constants(inner), NIL, CLOSURE, 0, 1, 1, 0, 0, RETURN),
        "script at offset 1: upvalue index 0 out of range (the function has 0)");
    // A function with one upvalue passes on its upvalue 1.
    FunctionProto middle = fn("middle", 0, 1, 3, constants(inner),
        NIL, CLOSURE, 0, 1, 1, 0, 1, RETURN);
    FunctionProto outer = script(3, constants(middle), NIL, CLOSURE, 0, 1, 1, RETURN);
    assertRejected(outer, "function 'middle' at offset 1: upvalue index 1 out of range (the function has 1)");
    assertRejected(fn(null, 0, 0, 2, NO_CONSTANTS, GET_UPVALUE, 0, RETURN),
        "upvalue index 0 out of range");
    FunctionProto reads = fn("reads", 0, 1, 2, NO_CONSTANTS, GET_UPVALUE, 1, RETURN);
    assertRejected(script(3, constants(reads), NIL, CLOSURE, 0, 1, 1, RETURN),
        "function 'reads' at offset 0: upvalue index 1 out of range (the function has 1)");
  }

  @Test
  void capturesMustNameLiveLocalsAndSayWhichKind() {
    FunctionProto inner = fn("inner", 0, 1, 2, NO_CONSTANTS, NIL, RETURN);
    assertRejected(script(4, constants(inner), CLOSURE, 0, 1, 3, RETURN),
        "script at offset 0: captures local slot 3, but only 1 values are on the stack");
    assertRejected(script(4, constants(inner), CLOSURE, 0, 1, 200, RETURN),
        "captures local slot 200 beyond the declared stack size 4");
    assertRejected(script(4, constants(inner), NIL, CLOSURE, 0, 2, 1, RETURN),
        "capture 0 has is-local byte 2 (must be 0 or 1)");
    // The capture pairs come from the nested function's own upvalue count: one pair short, and
    // the instruction runs past the end.
    assertRejected(script(4, constants(fn("two", 0, 2, 2, NO_CONSTANTS, NIL, RETURN)),
        NIL, CLOSURE, 0, 1, 1), "runs past the end of the code");
  }

  @Test
  void localSlotsMustBeLiveAndInsideTheFrame() {
    assertRejected(script(4, NO_CONSTANTS, GET_LOCAL, 1, RETURN),
        "uses local slot 1, but only 1 values are on the stack");
    assertRejected(script(2, NO_CONSTANTS, GET_LOCAL, 9, RETURN),
        "local slot 9 is beyond the declared stack size 2");
    assertRejected(script(3, NO_CONSTANTS, NIL, SET_LOCAL, 2, RETURN),
        "uses local slot 2, but only 2 values are on the stack");
    // A function's parameters are live from the start.
    FunctionProto twoArgs = fn("two", 2, 0, 4, NO_CONSTANTS, GET_LOCAL, 2, RETURN);
    assertEquals(List.of(), ChunkVerifier.verify(script(2, constants(twoArgs), CLOSURE, 0, RETURN)));
  }

  @Test
  void stackUnderflowOnOneBranchOnly() {
    // Falls through into two extra POPs; the jump skips them.
    assertRejected(script(3, NO_CONSTANTS,
            TRUE, JUMP_IF_FALSE, 0, 3, POP, POP, POP, NIL, RETURN),
        "script at offset 6: stack underflow");
    // Both branches fine on their own, but they meet at different depths.
    assertRejected(script(4, NO_CONSTANTS,
            TRUE, JUMP_IF_FALSE, 0, 1, NIL, NIL, RETURN),
        "stack depth");
  }

  @Test
  void returnNeedsAValueAndCodeMustNotRunOffTheEnd() {
    assertRejected(script(2, NO_CONSTANTS, POP, RETURN), "script at offset 1: stack underflow");
    assertRejected(script(2, NO_CONSTANTS, NIL, POP), "code runs off the end");
    assertRejected(script(2, NO_CONSTANTS, TRUE, JUMP_IF_FALSE, 0, 0, POP), "code runs off the end");
    assertRejected(script(2, NO_CONSTANTS), "no code");
  }

  @Test
  void unknownOpcodesAndCutInstructions() {
    assertRejected(script(2, NO_CONSTANTS, NIL, 250, RETURN), "script at offset 1: unknown opcode 250");
    assertRejected(script(2, constants(1), NIL, POP, CONSTANT), "OP_CONSTANT runs past the end of the code");
    assertRejected(script(2, NO_CONSTANTS, NIL, JUMP, 0), "OP_JUMP runs past the end of the code");
  }

  @Test
  void argumentCountsNeedTheirArguments() {
    assertRejected(script(4, NO_CONSTANTS, NIL, NIL, CALL, 5, RETURN), "stack underflow");
    assertRejected(script(4, constants("m"), NIL, INVOKE, 0, 2, RETURN), "stack underflow");
    assertRejected(script(4, constants("m"), NIL, NIL, SUPER_INVOKE, 0, 2, RETURN), "stack underflow");
  }

  @Test
  void stackSizesAreChecked() {
    assertRejected(script(2, NO_CONSTANTS, NIL, NIL, POP, RETURN),
        "script at offset 1: stack deeper than the declared size 2");
    assertRejected(script(Integer.MAX_VALUE, NO_CONSTANTS, NIL, RETURN), "declared stack size");
    assertRejected(fn("f", 3, 0, 3, NO_CONSTANTS, NIL, RETURN), "the script takes no arguments");
    FunctionProto wide = fn("f", 3, 0, 3, NO_CONSTANTS, NIL, RETURN);
    assertRejected(script(2, constants(wide), CLOSURE, 0, RETURN),
        "function 'f': declared stack size 3 is outside 1 + arity");
    assertRejected(script(2, constants(fn("f", 300, 0, 400, NO_CONSTANTS, NIL, RETURN)), CLOSURE, 0, RETURN),
        "arity 300 is more than 255");
  }

  @Test
  void theScriptHasNoUpvalues() {
    assertRejected(fn(null, 0, 1, 2, NO_CONSTANTS, GET_UPVALUE, 0, RETURN), "the script has no upvalues");
  }

  @Test
  void badUpvalueCountsAreReportedNotTrusted() {
    FunctionProto huge = fn("huge", 0, 1_000_000_000, 2, NO_CONSTANTS, NIL, RETURN);
    assertRejected(script(2, constants(huge), CLOSURE, 0, RETURN),
        "function 'huge': upvalue count 1000000000 is more than 256");
  }

  @Test
  void deeplyNestedFunctionsHaveALimit() {
    FunctionProto chain = fn("leaf", 0, 0, 2, NO_CONSTANTS, NIL, RETURN);
    for (int i = 0; i < ChunkFormat.MAX_FUNCTION_DEPTH; i++) {
      chain = fn("f", 0, 0, 2, constants(chain), NIL, RETURN);
    }
    FunctionProto deep = script(2, constants(chain), NIL, RETURN);
    byte[] chunk = bytes(deep);
    LoadResult loaded = Lox.load(chunk);
    assertFalse(loaded.succeeded());
    assertEquals("functions nested deeper than 200000", loaded.problems().get(0).toString());
    assertTrue(ChunkVerifier.verify(deep).get(0).message().contains("nested deeper than"));
    // One level less is fine, and runs.
    FunctionProto ok = script(2, constants(chain.constants[0]), NIL, RETURN);
    LoadResult fine = Lox.load(bytes(ok));
    assertTrue(fine.succeeded(), () -> fine.problems().toString());
  }

  @Test
  void everyProblemIsCollected() {
    FunctionProto f = fn("f", 0, 0, 2, constants(1), GET_GLOBAL, 0, GET_UPVALUE, 3, GET_LOCAL, 7, RETURN);
    List<ChunkProblem> problems = ChunkVerifier.verify(script(2, constants(f, "x"), CLOSURE, 0,
        GET_GLOBAL, 0, RETURN));
    List<String> lines = new ArrayList<>();
    problems.forEach(p -> lines.add(p.toString()));
    assertEquals(List.of(
        "script at offset 2: OP_GET_GLOBAL needs a string constant, but constant 0 is a function",
        "function 'f' at offset 0: OP_GET_GLOBAL needs a string constant, but constant 0 is a number",
        "function 'f' at offset 2: upvalue index 3 out of range (the function has 0)",
        "function 'f' at offset 4: local slot 7 is beyond the declared stack size 2"), lines);
    assertEquals(1, problems.get(1).function());
    assertEquals("f", problems.get(1).functionName());
    assertEquals(0, problems.get(1).offset());
  }

  // ---- Types the verifier cannot prove, which the VM checks ----

  /** Runs a chunk that verifies; it must end normally or with a Lox runtime error. */
  private static RunResult runVerified(FunctionProto script) {
    LoadResult loaded = Lox.load(bytes(script));
    assertTrue(loaded.succeeded(), () -> loaded.problems().toString());
    Lox lox = new Lox(new ByteArrayOutputStream(), new ByteArrayOutputStream());
    return lox.run(loaded.script());
  }

  @Test
  void methodOnANonClassOrWithANonClosureIsARuntimeError() {
    FunctionProto m = fn("m", 0, 0, 2, NO_CONSTANTS, NIL, RETURN);
    assertEquals(Status.RUNTIME_ERROR,
        runVerified(script(3, constants("A", "m"), CLASS, 0, NIL, METHOD, 1, POP, NIL, RETURN)).status());
    assertEquals(Status.RUNTIME_ERROR,
        runVerified(script(3, constants("m", m), NIL, CLOSURE, 1, METHOD, 0, POP, NIL, RETURN)).status());
  }

  @Test
  void inheritIntoANonClassIsARuntimeError() {
    assertEquals(Status.RUNTIME_ERROR,
        runVerified(script(3, constants("A"), CLASS, 0, NIL, INHERIT, POP, NIL, RETURN)).status());
  }

  @Test
  void superAccessOnANonClassIsARuntimeError() {
    assertEquals(Status.RUNTIME_ERROR,
        runVerified(script(3, constants("m"), NIL, NIL, GET_SUPER, 0, RETURN)).status());
    assertEquals(Status.RUNTIME_ERROR,
        runVerified(script(3, constants("m"), NIL, NIL, SUPER_INVOKE, 0, 0, RETURN)).status());
  }
}
