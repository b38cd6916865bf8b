package dev.lox.jit;

import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASM9;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.F_FULL;
import static org.objectweb.asm.Opcodes.F_SAME;
import static org.objectweb.asm.Opcodes.F_SAME1;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.RETURN;

import java.util.Arrays;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the stack map frames the translator states, so that ASM need not compute them (its
 * analysis of every method is most of a translation's cost while ASM's code is still cold). A
 * frame is stated after the labels it belongs to and written just before the next instruction:
 * when two places share an offset (a Lox instruction that emits no JVM code), the later frame,
 * which assumes less, is the one written. A frame with the locals of the frame before it is
 * written as the same again: ASM then writes a byte or two, where a full frame has it look up
 * every local's type (most of a translation's cost in frames while ASM's code is still cold).
 */
final class FrameKeeper extends MethodVisitor {
  private static final Object[] NO_STACK = {};

  private Object[] pendingLocals;
  private Object[] pendingStack;
  /** The locals of the last frame written; null before the first. */
  private Object[] writtenLocals;
  private boolean afterUnconditional;

  FrameKeeper(MethodVisitor target) {
    super(ASM9, target);
  }

  /** The frame at the current place: its locals, and what is on the operand stack. */
  void frame(Object[] locals, Object... stack) {
    pendingLocals = locals;
    pendingStack = stack.length == 0 ? NO_STACK : stack;
  }

  /**
   * Whether the last instruction never falls through (a jump, a switch, a return), so that code
   * written next is only reached by jumps, and needs a frame even where no jump lands (the
   * verifier checks unreachable code too).
   */
  boolean afterUnconditional() {
    return afterUnconditional;
  }

  private void before(boolean unconditional) {
    if (pendingLocals != null) {
      boolean sameLocals = writtenLocals != null
          && (pendingLocals == writtenLocals || Arrays.equals(pendingLocals, writtenLocals));
      if (sameLocals && pendingStack.length == 0) {
        super.visitFrame(F_SAME, 0, null, 0, null);
      } else if (sameLocals && pendingStack.length == 1) {
        super.visitFrame(F_SAME1, 0, null, 1, pendingStack);
      } else {
        super.visitFrame(
            F_FULL, pendingLocals.length, pendingLocals, pendingStack.length, pendingStack);
        writtenLocals = pendingLocals;
      }
      pendingLocals = null;
    }
    afterUnconditional = unconditional;
  }

  @Override
  public void visitInsn(int opcode) {
    before(opcode == RETURN || opcode == IRETURN || opcode == ARETURN || opcode == ATHROW);
    super.visitInsn(opcode);
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    before(false);
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int varIndex) {
    before(false);
    super.visitVarInsn(opcode, varIndex);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    before(false);
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    before(false);
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    before(false);
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(
      String name, String descriptor, Handle bootstrap, Object... bootstrapArguments) {
    before(false);
    super.visitInvokeDynamicInsn(name, descriptor, bootstrap, bootstrapArguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    before(opcode == GOTO);
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    before(false);
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int varIndex, int increment) {
    before(false);
    super.visitIincInsn(varIndex, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    before(true);
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    before(true);
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    before(false);
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    // A frame stated after the last instruction belongs to no instruction.
    pendingLocals = null;
    super.visitMaxs(maxStack, maxLocals);
  }
}
