package dev.lox.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.objectweb.asm.Opcodes.ASM9;
import static org.objectweb.asm.Opcodes.F_FULL;
import static org.objectweb.asm.Opcodes.F_SAME;
import static org.objectweb.asm.Opcodes.F_SAME1;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.INTEGER;
import static org.objectweb.asm.Opcodes.NOP;
import static org.objectweb.asm.Opcodes.POP;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.MethodVisitor;

class FrameKeeperTest {
  /** The frames a method visitor is given, as "type locals/stack". */
  private static final class Frames extends MethodVisitor {
    final List<String> written = new ArrayList<>();

    Frames() {
      super(ASM9);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
      String kind =
          type == F_FULL ? "full" : type == F_SAME ? "same" : type == F_SAME1 ? "same1" : "?";
      written.add(kind + " " + numLocal + "/" + numStack);
    }
  }

  @Test
  void aFrameWithTheLocalsOfTheLastIsWrittenAsTheSameAgain() {
    Frames frames = new Frames();
    FrameKeeper keeper = new FrameKeeper(frames);
    Object[] two = {"java/lang/Object", INTEGER};
    keeper.frame(two);
    keeper.visitInsn(NOP);
    // Equal locals in another array, then with one value on the operand stack.
    keeper.frame(new Object[] {"java/lang/Object", INTEGER});
    keeper.visitInsn(NOP);
    keeper.frame(two, INTEGER);
    keeper.visitInsn(POP);
    // Other locals: in full, and they are what the next frame is compared with.
    Object[] one = {"java/lang/Object"};
    keeper.frame(one);
    keeper.visitInsn(ICONST_0);
    keeper.frame(one, INTEGER, INTEGER);
    keeper.visitInsn(POP);
    keeper.frame(one);
    keeper.visitInsn(NOP);
    assertEquals(List.of("full 2/0", "same 0/0", "same1 0/1", "full 1/0", "full 1/2", "same 0/0"),
        frames.written);
  }

  @Test
  void ofTwoFramesAtOnePlaceOnlyTheLaterIsWritten() {
    Frames frames = new Frames();
    FrameKeeper keeper = new FrameKeeper(frames);
    keeper.frame(new Object[] {INTEGER, INTEGER});
    keeper.frame(new Object[] {INTEGER});
    keeper.visitInsn(NOP);
    keeper.frame(new Object[] {INTEGER});
    keeper.visitMaxs(0, 0);
    assertEquals(List.of("full 1/0"), frames.written);
  }
}
