package dev.lox.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/**
 * The check a compiled method makes once, at its start, for all its calls of known callees: the
 * comparisons it makes as sign bits, at the edges of each.
 */
class RoomForKnownCallsTest {
  private final VM vm = new VM(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());

  @Test
  void roomWhileAnotherFrameFitsAndTheCalleesReachStaysOnTheStacks() {
    int frames = vm.frameClosures.length;
    int stack = vm.refs.length;
    assertEquals(1, CompiledSupport.roomForKnownCalls(vm, 0, 0));
    assertEquals(1, CompiledSupport.roomForKnownCalls(vm, stack, frames - 2));
    // The frame above the last, or one slot past the stacks: none.
    assertEquals(0, CompiledSupport.roomForKnownCalls(vm, 0, frames - 1));
    assertEquals(0, CompiledSupport.roomForKnownCalls(vm, stack + 1, 0));
    assertEquals(0, CompiledSupport.roomForKnownCalls(vm, stack + 1, frames - 1));
  }

  @Test
  void noRoomAtTheLimitOfCompiledCallsNestedOnTheJvmStack() {
    vm.compiledDepth = VM.COMPILED_DEPTH_MAX - 1;
    assertEquals(1, CompiledSupport.roomForKnownCalls(vm, 0, 0));
    vm.compiledDepth = VM.COMPILED_DEPTH_MAX;
    assertEquals(0, CompiledSupport.roomForKnownCalls(vm, 0, 0));
  }
}
