package dev.lox.compiler;

import static dev.lox.scanner.TokenType.*;

import dev.lox.api.CompileError;
import dev.lox.chunk.FunctionProto;
import dev.lox.chunk.OpCode;
import dev.lox.chunk.StackDepth;
import dev.lox.concurrent.Threads;
import dev.lox.runtime.Interner;
import dev.lox.runtime.LoxString;
import dev.lox.scanner.Scanner;
import dev.lox.scanner.Token;
import dev.lox.scanner.TokenType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * clox's single-pass compiler: a Pratt parser that emits bytecode as it goes, with the same error
 * messages, the same panic-mode recovery and the same limits.
 *
 * <p>Beyond clox: nesting deeper than {@link #MAX_NESTING} is a compile error instead of a crash,
 * and deeply nested source is compiled on a thread whose stack is sized for that limit.
 */
public final class Compiler {
  /** The result: a function, or the errors that prevented it. */
  public record Result(FunctionProto function, List<CompileError> errors) {}

  /** Collects every error, for {@link #compile(byte[], Interner)}. */
  private static final class Collector implements Consumer<CompileError> {
    final List<CompileError> errors = new ArrayList<>();

    @Override
    public void accept(CompileError error) {
      errors.add(error);
    }
  }

  /** Deeper nesting of expressions, statements or functions than this is a compile error. */
  static final int MAX_NESTING = 200_000;
  /** Enough for MAX_NESTING levels of the deepest-recursing construct, with room to spare. */
  private static final long COMPILER_STACK_BYTES = 1L << 30;
  /** Below this many bytes, source cannot nest deeply enough to need the big stack. */
  private static final int SMALL_SOURCE = 1024;

  private static final int UINT8_COUNT = 256;

  private enum FunctionType { FUNCTION, INITIALIZER, METHOD, SCRIPT }

  /** A local variable; depth -1 means declared but not yet initialized. */
  private static final class Local {
    final Token name;
    int depth;
    boolean isCaptured;

    Local(Token name, int depth) {
      this.name = name;
      this.depth = depth;
    }
  }

  /** Per-function compiler state: clox's {@code Compiler} struct. */
  private static final class FunctionState {
    final FunctionState enclosing;
    final FunctionType type;
    final LoxString name;
    final ChunkBuilder chunk = new ChunkBuilder();
    final Local[] locals = new Local[UINT8_COUNT];
    int localCount;
    final int[] upvalueIndex = new int[UINT8_COUNT];
    final boolean[] upvalueIsLocal = new boolean[UINT8_COUNT];
    int upvalueCount;
    int scopeDepth;
    int arity;
    /** Where the last instruction emitted starts; -1 when unknown. */
    int lastOpStart = -1;
    /** Where the instruction before it starts; -1 when unknown. */
    int previousOpStart = -1;
    /** The latest offset a forward jump was patched to land on. */
    int lastJumpTarget;

    FunctionState(FunctionState enclosing, FunctionType type, LoxString name) {
      this.enclosing = enclosing;
      this.type = type;
      this.name = name;
      // Slot zero holds the callee; clox names it 'this' in all but plain functions.
      locals[localCount++] = new Local(Token.synthetic(type == FunctionType.FUNCTION ? "" : "this"), 0);
    }
  }

  private static final class ClassState {
    final ClassState enclosing;
    boolean hasSuperclass;

    ClassState(ClassState enclosing) {
      this.enclosing = enclosing;
    }
  }

  /**
   * The parse functions of the rule table. An enum and one switch instead of method references:
   * each lambda would cost a generated class at start-up, and start-up is part of every run.
   */
  private enum ParseFn {
    GROUPING, CALL, DOT, UNARY, BINARY, VARIABLE, STRING, NUMBER, AND, OR, LITERAL, SUPER, THIS
  }

  private record ParseRule(ParseFn prefix, ParseFn infix, Precedence precedence) {}

  private static final ParseRule[] RULES = new ParseRule[TokenType.values().length];

  static {
    rule(LEFT_PAREN, ParseFn.GROUPING, ParseFn.CALL, Precedence.CALL);
    rule(DOT, null, ParseFn.DOT, Precedence.CALL);
    rule(MINUS, ParseFn.UNARY, ParseFn.BINARY, Precedence.TERM);
    rule(PLUS, null, ParseFn.BINARY, Precedence.TERM);
    rule(SLASH, null, ParseFn.BINARY, Precedence.FACTOR);
    rule(STAR, null, ParseFn.BINARY, Precedence.FACTOR);
    rule(BANG, ParseFn.UNARY, null, Precedence.NONE);
    rule(BANG_EQUAL, null, ParseFn.BINARY, Precedence.EQUALITY);
    rule(EQUAL_EQUAL, null, ParseFn.BINARY, Precedence.EQUALITY);
    rule(GREATER, null, ParseFn.BINARY, Precedence.COMPARISON);
    rule(GREATER_EQUAL, null, ParseFn.BINARY, Precedence.COMPARISON);
    rule(LESS, null, ParseFn.BINARY, Precedence.COMPARISON);
    rule(LESS_EQUAL, null, ParseFn.BINARY, Precedence.COMPARISON);
    rule(IDENTIFIER, ParseFn.VARIABLE, null, Precedence.NONE);
    rule(STRING, ParseFn.STRING, null, Precedence.NONE);
    rule(NUMBER, ParseFn.NUMBER, null, Precedence.NONE);
    rule(AND, null, ParseFn.AND, Precedence.AND);
    rule(OR, null, ParseFn.OR, Precedence.OR);
    rule(FALSE, ParseFn.LITERAL, null, Precedence.NONE);
    rule(NIL, ParseFn.LITERAL, null, Precedence.NONE);
    rule(TRUE, ParseFn.LITERAL, null, Precedence.NONE);
    rule(SUPER, ParseFn.SUPER, null, Precedence.NONE);
    rule(THIS, ParseFn.THIS, null, Precedence.NONE);
    for (TokenType type : TokenType.values()) {
      if (RULES[type.ordinal()] == null) {
        rule(type, null, null, Precedence.NONE);
      }
    }
  }

  private static void rule(TokenType type, ParseFn prefix, ParseFn infix, Precedence precedence) {
    RULES[type.ordinal()] = new ParseRule(prefix, infix, precedence);
  }

  private void parse(ParseFn fn, boolean canAssign) {
    switch (fn) {
      case GROUPING -> grouping(canAssign);
      case CALL -> call(canAssign);
      case DOT -> dot(canAssign);
      case UNARY -> unary(canAssign);
      case BINARY -> binary(canAssign);
      case VARIABLE -> variable(canAssign);
      case STRING -> string(canAssign);
      case NUMBER -> number(canAssign);
      case AND -> and(canAssign);
      case OR -> or(canAssign);
      case LITERAL -> literal(canAssign);
      case SUPER -> superExpression(canAssign);
      case THIS -> thisExpression(canAssign);
    }
  }

  private final Scanner scanner;
  private final Interner interner;
  private final Consumer<CompileError> onError;
  private boolean hadError;
  private Token current;
  private Token previous;
  private boolean panicMode;
  /** Set when nesting ran too deep: the rest of the source is abandoned, silently. */
  private boolean abandoned;
  private int nesting;
  private FunctionState function;
  private ClassState currentClass;

  private Compiler(byte[] source, Interner interner, Consumer<CompileError> onError) {
    this.scanner = new Scanner(source);
    this.interner = interner;
    this.onError = onError;
  }

  /**
   * Compiles a whole program. {@code interner} may be shared with a VM so that names compare by
   * identity at run time; {@code null} gives the compilation its own.
   */
  public static Result compile(byte[] source, Interner interner) {
    Collector collector = new Collector();
    return new Result(compile(source, interner, collector), collector.errors);
  }

  /**
   * Compiles a whole program, handing each error to {@code onError} as it is found (from another
   * thread, for large sources), so that no more than one is held at a time.
   *
   * @return the script, or {@code null} when there was an error
   */
  public static FunctionProto compile(byte[] source, Interner interner, Consumer<CompileError> onError) {
    Compiler compiler = new Compiler(source, interner == null ? new Interner() : interner, onError);
    if (source.length < SMALL_SOURCE) {
      return compiler.compileScript();
    }
    FunctionProto[] result = new FunctionProto[1];
    Throwable[] failure = new Throwable[1];
    Runnable task =
        new Runnable() {
          @Override
          public void run() {
            try {
              result[0] = compiler.compileScript();
            } catch (RuntimeException | Error e) {
              // Rethrown on the caller's thread (OutOfMemoryError, an error sink's exception).
              failure[0] = e;
            }
          }
        };
    Thread thread = new Thread(null, task, "lox-compiler", COMPILER_STACK_BYTES);
    thread.start();
    Threads.joinUninterruptibly(thread);
    if (failure[0] instanceof RuntimeException e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    return result[0];
  }

  private FunctionProto compileScript() {
    function = new FunctionState(null, FunctionType.SCRIPT, null);
    advance();
    while (!match(EOF)) {
      declaration();
    }
    FunctionProto script = endFunction();
    return hadError ? null : script;
  }

  // ---- Tokens and errors ----

  private void advance() {
    previous = current;
    for (;;) {
      current = scanner.scanToken();
      if (current.type() != ERROR) {
        break;
      }
      errorAtCurrent(current.message());
    }
  }

  private void consume(TokenType type, String message) {
    if (current.type() == type) {
      advance();
      return;
    }
    errorAtCurrent(message);
  }

  private boolean check(TokenType type) {
    return current.type() == type;
  }

  private boolean match(TokenType type) {
    if (!check(type)) {
      return false;
    }
    advance();
    return true;
  }

  private void errorAtCurrent(String message) {
    errorAt(current, message);
  }

  private void error(String message) {
    errorAt(previous, message);
  }

  private void errorAt(Token token, String message) {
    if (panicMode || abandoned) {
      return;
    }
    panicMode = true;
    String location =
        switch (token.type()) {
          case EOF -> " at end";
          case ERROR -> "";
          default -> " at '" + token.lexeme() + "'";
        };
    hadError = true;
    onError.accept(new CompileError(token.line(), location, message));
  }

  /** Counts one more level of nesting; past the limit, reports it once and abandons the rest. */
  private boolean enterNesting() {
    if (++nesting <= MAX_NESTING) {
      return true;
    }
    errorAtCurrent("Too much nesting.");
    abandoned = true;
    while (current.type() != EOF) {
      current = scanner.scanToken();
    }
    return false;
  }

  private void exitNesting() {
    nesting--;
  }

  private void synchronize() {
    panicMode = false;
    while (current.type() != EOF) {
      if (previous.type() == SEMICOLON) {
        return;
      }
      switch (current.type()) {
        case CLASS, FUN, VAR, FOR, IF, WHILE, PRINT, RETURN -> {
          return;
        }
        default -> advance();
      }
    }
  }

  // ---- Emitting code ----

  private ChunkBuilder chunk() {
    return function.chunk;
  }

  private void emitByte(int b) {
    chunk().write(b, previous.line());
  }

  private void emitOp(OpCode op) {
    function.previousOpStart = function.lastOpStart;
    function.lastOpStart = chunk().count();
    emitByte(op.code());
  }

  private void emitOp(OpCode op, int operand) {
    emitOp(op);
    emitByte(operand);
  }

  // ---- Superinstructions ----
  // A fused instruction replaces the last one or two emitted. That is only sound when no jump
  // lands inside or right after them, which lastJumpTarget tells (forward jumps are patched in
  // order of their targets; loop targets always precede the code being fused).

  /** The last instruction emitted, if it can be replaced: null otherwise. */
  private OpCode replaceableLastOp() {
    int start = function.lastOpStart;
    if (start < 0 || function.lastJumpTarget > start) {
      return null;
    }
    OpCode op = OpCode.of(chunk().byteAt(start));
    return op != null && start + op.operands().size() == chunk().count() ? op : null;
  }

  /** Removes the last instruction; returns the line it was compiled at. */
  private int dropLastOp() {
    int start = function.lastOpStart;
    int line = chunk().lineAt(start);
    chunk().truncate(start);
    function.lastOpStart = -1;
    return line;
  }

  /**
   * Emits a forward jump that pops its condition, fusing it with a comparison before it. Stands
   * for clox's JUMP_IF_FALSE and the POP after it; the caller accounts for the POP clox emits at
   * the jump's target.
   */
  private Mark emitConditionalJump() {
    OpCode jump = OpCode.JUMP_IF_FALSE_POP;
    int line = previous.line();
    if (replaceableLastOp() == OpCode.NOT) {
      line = dropLastOp();
      jump = OpCode.JUMP_IF_TRUE_POP;
      function.lastOpStart = findOpEndingAt(chunk().count());
    }
    OpCode comparison = replaceableLastOp();
    if (comparison == OpCode.LESS || comparison == OpCode.GREATER || comparison == OpCode.EQUAL) {
      line = dropLastOp();
      boolean negated = jump == OpCode.JUMP_IF_TRUE_POP;
      jump = switch (comparison) {
        case LESS -> negated ? OpCode.JUMP_IF_LESS : OpCode.JUMP_IF_NOT_LESS;
        case GREATER -> negated ? OpCode.JUMP_IF_GREATER : OpCode.JUMP_IF_NOT_GREATER;
        default -> negated ? OpCode.JUMP_IF_EQUAL : OpCode.JUMP_IF_NOT_EQUAL;
      };
    }
    function.previousOpStart = -1;
    function.lastOpStart = chunk().count();
    chunk().write(jump.code(), line);
    chunk().write(0xff, line);
    chunk().write(0xff, line);
    Mark operand = new Mark(chunk().count() - 2, chunk().cloxCount() - 2);
    chunk().addCloxBytes(1); // clox's POP after the jump
    return operand;
  }

  /** clox pops the condition again where its conditional jump lands; our jump already did. */
  private void skippedTargetPop() {
    chunk().addCloxBytes(1);
  }

  /** Ends an expression statement: a store and its POP become one instruction. */
  private void emitPop() {
    OpCode store = replaceableLastOp();
    OpCode fused = store == null ? null : switch (store) {
      case SET_LOCAL -> OpCode.SET_LOCAL_POP;
      case SET_GLOBAL -> OpCode.SET_GLOBAL_POP;
      case SET_UPVALUE -> OpCode.SET_UPVALUE_POP;
      case SET_PROPERTY -> OpCode.SET_PROPERTY_POP;
      default -> null;
    };
    if (fused == null) {
      emitOp(OpCode.POP);
    } else {
      chunk().patch(function.lastOpStart, fused.code());
      chunk().addCloxBytes(1);
    }
  }

  /** Emits ADD or SUBTRACT, fused with a number constant that is the whole right operand. */
  private void emitArithmetic(OpCode op, OpCode withConstant, int rightStart) {
    int start = function.lastOpStart;
    if (start >= rightStart
        && replaceableLastOp() == OpCode.CONSTANT
        && chunk().constants.get(chunk().byteAt(start + 1)) instanceof Double) {
      int constant = chunk().byteAt(start + 1);
      chunk().truncate(start);
      emitOp(withConstant, constant);
      chunk().addCloxBytes(-1); // clox: CONSTANT (counted) + the one-byte operator
    } else {
      emitOp(op);
    }
  }

  /** Emits GET_PROPERTY, fused with a GET_LOCAL that pushed the receiver. */
  private void emitGetProperty(int name) {
    if (replaceableLastOp() == OpCode.GET_LOCAL) {
      int slot = chunk().byteAt(function.lastOpStart + 1);
      chunk().truncate(function.lastOpStart);
      emitOp(OpCode.GET_LOCAL_PROPERTY, slot);
      emitByte(name);
      chunk().addCloxBytes(-1); // clox: GET_LOCAL (counted) + two-byte GET_PROPERTY
    } else {
      emitOp(OpCode.GET_PROPERTY, name);
    }
  }

  /**
   * The start of the one-byte comparison ending at {@code end}, when NOT was just dropped: the
   * instruction before NOT is only known to be a comparison if its byte says so and nothing
   * could have been an operand byte there, which holds when it was emitted right before NOT.
   */
  private int findOpEndingAt(int end) {
    return function.previousOpStart == end - 1 ? end - 1 : -1;
  }

  /** A position in the code, in real bytes and in the bytes clox would have emitted. */
  private record Mark(int offset, int cloxOffset) {}

  private Mark mark() {
    return new Mark(chunk().count(), chunk().cloxCount());
  }

  private void emitLoop(Mark loopStart) {
    emitOp(OpCode.LOOP);
    if (chunk().cloxCount() - loopStart.cloxOffset() + 2 > 0xffff) {
      error("Loop body too large.");
    }
    int offset = chunk().count() - loopStart.offset() + 2;
    emitByte((offset >> 8) & 0xff);
    emitByte(offset & 0xff);
  }

  /** Emits a forward jump; returns the mark of its operand, for {@link #patchJump}. */
  private Mark emitJump(OpCode op) {
    emitOp(op);
    emitByte(0xff);
    emitByte(0xff);
    return new Mark(chunk().count() - 2, chunk().cloxCount() - 2);
  }

  private void patchJump(Mark operand) {
    // -2 to step over the jump's own operand.
    if (chunk().cloxCount() - operand.cloxOffset() - 2 > 0xffff) {
      error("Too much code to jump over.");
    }
    int jump = chunk().count() - operand.offset() - 2;
    chunk().patch(operand.offset(), (jump >> 8) & 0xff);
    chunk().patch(operand.offset() + 1, jump & 0xff);
    function.lastJumpTarget = chunk().count();
  }

  private void emitReturn() {
    if (function.type == FunctionType.INITIALIZER) {
      emitOp(OpCode.GET_LOCAL, 0);
    } else {
      emitOp(OpCode.NIL);
    }
    emitOp(OpCode.RETURN);
  }

  private int makeConstant(Object value) {
    int constant = chunk().addConstant(value);
    if (constant > 0xff) {
      error("Too many constants in one chunk.");
      return 0;
    }
    return constant;
  }

  private void emitConstant(Object value) {
    emitOp(OpCode.CONSTANT, makeConstant(value));
  }

  private FunctionProto endFunction() {
    emitReturn();
    FunctionState state = function;
    ChunkBuilder chunk = state.chunk;
    byte[] code = chunk.code();
    Object[] constants = chunk.constants.toArray();
    // A function with errors is never run; don't analyse code that may be malformed.
    int maxStack = !hadError ? StackDepth.maxDepth(code, constants, state.arity) : 0;
    FunctionProto proto =
        new FunctionProto(
            state.name, state.arity, state.upvalueCount, code, chunk.lines(), constants, maxStack);
    function = state.enclosing;
    return proto;
  }

  // ---- Scopes and variables ----

  private void beginScope() {
    function.scopeDepth++;
  }

  private void endScope() {
    FunctionState f = function;
    f.scopeDepth--;
    while (f.localCount > 0 && f.locals[f.localCount - 1].depth > f.scopeDepth) {
      emitOp(f.locals[f.localCount - 1].isCaptured ? OpCode.CLOSE_UPVALUE : OpCode.POP);
      f.localCount--;
    }
  }

  private LoxString intern(Token token) {
    return interner.intern(
        Arrays.copyOfRange(token.source(), token.start(), token.start() + token.length()));
  }

  private int identifierConstant(Token name) {
    return makeConstant(intern(name));
  }

  private int resolveLocal(FunctionState f, Token name) {
    for (int i = f.localCount - 1; i >= 0; i--) {
      Local local = f.locals[i];
      if (name.sameLexeme(local.name)) {
        if (local.depth == -1) {
          error("Can't read local variable in its own initializer.");
        }
        return i;
      }
    }
    return -1;
  }

  private int addUpvalue(FunctionState f, int index, boolean isLocal) {
    for (int i = 0; i < f.upvalueCount; i++) {
      if (f.upvalueIndex[i] == index && f.upvalueIsLocal[i] == isLocal) {
        return i;
      }
    }
    if (f.upvalueCount == UINT8_COUNT) {
      error("Too many closure variables in function.");
      return 0;
    }
    f.upvalueIsLocal[f.upvalueCount] = isLocal;
    f.upvalueIndex[f.upvalueCount] = index;
    return f.upvalueCount++;
  }

  private int resolveUpvalue(FunctionState f, Token name) {
    if (f.enclosing == null) {
      return -1;
    }
    int local = resolveLocal(f.enclosing, name);
    if (local != -1) {
      f.enclosing.locals[local].isCaptured = true;
      return addUpvalue(f, local, true);
    }
    int upvalue = resolveUpvalue(f.enclosing, name);
    if (upvalue != -1) {
      return addUpvalue(f, upvalue, false);
    }
    return -1;
  }

  private void addLocal(Token name) {
    if (function.localCount == UINT8_COUNT) {
      error("Too many local variables in function.");
      return;
    }
    function.locals[function.localCount++] = new Local(name, -1);
  }

  private void declareVariable() {
    FunctionState f = function;
    if (f.scopeDepth == 0) {
      return;
    }
    Token name = previous;
    for (int i = f.localCount - 1; i >= 0; i--) {
      Local local = f.locals[i];
      if (local.depth != -1 && local.depth < f.scopeDepth) {
        break;
      }
      if (name.sameLexeme(local.name)) {
        error("Already a variable with this name in this scope.");
      }
    }
    addLocal(name);
  }

  private int parseVariable(String errorMessage) {
    consume(IDENTIFIER, errorMessage);
    declareVariable();
    if (function.scopeDepth > 0) {
      return 0;
    }
    return identifierConstant(previous);
  }

  private void markInitialized() {
    if (function.scopeDepth == 0) {
      return;
    }
    function.locals[function.localCount - 1].depth = function.scopeDepth;
  }

  private void defineVariable(int global) {
    if (function.scopeDepth > 0) {
      markInitialized();
      return;
    }
    emitOp(OpCode.DEFINE_GLOBAL, global);
  }

  private void namedVariable(Token name, boolean canAssign) {
    OpCode getOp;
    OpCode setOp;
    int arg = resolveLocal(function, name);
    if (arg != -1) {
      getOp = OpCode.GET_LOCAL;
      setOp = OpCode.SET_LOCAL;
    } else if ((arg = resolveUpvalue(function, name)) != -1) {
      getOp = OpCode.GET_UPVALUE;
      setOp = OpCode.SET_UPVALUE;
    } else {
      arg = identifierConstant(name);
      getOp = OpCode.GET_GLOBAL;
      setOp = OpCode.SET_GLOBAL;
    }
    if (canAssign && match(EQUAL)) {
      expression();
      emitOp(setOp, arg);
    } else {
      emitOp(getOp, arg);
    }
  }

  // ---- Expressions ----

  private void expression() {
    parsePrecedence(Precedence.ASSIGNMENT);
  }

  private void parsePrecedence(Precedence precedence) {
    if (!enterNesting()) {
      return;
    }
    advance();
    ParseFn prefix = RULES[previous.type().ordinal()].prefix();
    if (prefix == null) {
      error("Expect expression.");
      exitNesting();
      return;
    }
    boolean canAssign = precedence.compareTo(Precedence.ASSIGNMENT) <= 0;
    parse(prefix, canAssign);
    while (precedence.compareTo(RULES[current.type().ordinal()].precedence()) <= 0) {
      advance();
      parse(RULES[previous.type().ordinal()].infix(), canAssign);
    }
    if (canAssign && match(EQUAL)) {
      error("Invalid assignment target.");
    }
    exitNesting();
  }

  private void grouping(boolean canAssign) {
    expression();
    consume(RIGHT_PAREN, "Expect ')' after expression.");
  }

  private void number(boolean canAssign) {
    emitConstant(Double.parseDouble(previous.lexeme()));
  }

  private void string(boolean canAssign) {
    Token t = previous;
    emitConstant(
        interner.intern(Arrays.copyOfRange(t.source(), t.start() + 1, t.start() + t.length() - 1)));
  }

  private void literal(boolean canAssign) {
    switch (previous.type()) {
      case FALSE -> emitOp(OpCode.FALSE);
      case NIL -> emitOp(OpCode.NIL);
      case TRUE -> emitOp(OpCode.TRUE);
      default -> throw new AssertionError(previous.type());
    }
  }

  private void variable(boolean canAssign) {
    namedVariable(previous, canAssign);
  }

  private void unary(boolean canAssign) {
    TokenType operator = previous.type();
    parsePrecedence(Precedence.UNARY);
    emitOp(operator == BANG ? OpCode.NOT : OpCode.NEGATE);
  }

  private void binary(boolean canAssign) {
    TokenType operator = previous.type();
    int rightStart = chunk().count();
    parsePrecedence(RULES[operator.ordinal()].precedence().next());
    // clox spells >=, <= and != as the negation of another comparison; so do we, NaN included.
    switch (operator) {
      case BANG_EQUAL -> {
        emitOp(OpCode.EQUAL);
        emitOp(OpCode.NOT);
      }
      case EQUAL_EQUAL -> emitOp(OpCode.EQUAL);
      case GREATER -> emitOp(OpCode.GREATER);
      case GREATER_EQUAL -> {
        emitOp(OpCode.LESS);
        emitOp(OpCode.NOT);
      }
      case LESS -> emitOp(OpCode.LESS);
      case LESS_EQUAL -> {
        emitOp(OpCode.GREATER);
        emitOp(OpCode.NOT);
      }
      case PLUS -> emitArithmetic(OpCode.ADD, OpCode.ADD_CONSTANT, rightStart);
      case MINUS -> emitArithmetic(OpCode.SUBTRACT, OpCode.SUBTRACT_CONSTANT, rightStart);
      case STAR -> emitOp(OpCode.MULTIPLY);
      case SLASH -> emitOp(OpCode.DIVIDE);
      default -> throw new AssertionError(operator);
    }
  }

  private void and(boolean canAssign) {
    Mark endJump = emitJump(OpCode.JUMP_IF_FALSE);
    emitOp(OpCode.POP);
    parsePrecedence(Precedence.AND);
    patchJump(endJump);
  }

  private void or(boolean canAssign) {
    Mark elseJump = emitJump(OpCode.JUMP_IF_FALSE);
    Mark endJump = emitJump(OpCode.JUMP);
    patchJump(elseJump);
    emitOp(OpCode.POP);
    parsePrecedence(Precedence.OR);
    patchJump(endJump);
  }

  private int argumentList() {
    int argCount = 0;
    if (!check(RIGHT_PAREN)) {
      do {
        expression();
        if (argCount == 255) {
          error("Can't have more than 255 arguments.");
        }
        argCount++;
      } while (match(COMMA));
    }
    consume(RIGHT_PAREN, "Expect ')' after arguments.");
    return argCount;
  }

  private void call(boolean canAssign) {
    int argCount = argumentList();
    emitOp(OpCode.CALL, argCount);
  }

  private void dot(boolean canAssign) {
    consume(IDENTIFIER, "Expect property name after '.'.");
    int name = identifierConstant(previous);
    if (canAssign && match(EQUAL)) {
      expression();
      emitOp(OpCode.SET_PROPERTY, name);
    } else if (match(LEFT_PAREN)) {
      int argCount = argumentList();
      emitOp(OpCode.INVOKE, name);
      emitByte(argCount);
    } else {
      emitGetProperty(name);
    }
  }

  private void thisExpression(boolean canAssign) {
    if (currentClass == null) {
      error("Can't use 'this' outside of a class.");
      return;
    }
    variable(false);
  }

  private void superExpression(boolean canAssign) {
    if (currentClass == null) {
      error("Can't use 'super' outside of a class.");
    } else if (!currentClass.hasSuperclass) {
      error("Can't use 'super' in a class with no superclass.");
    }
    consume(DOT, "Expect '.' after 'super'.");
    consume(IDENTIFIER, "Expect superclass method name.");
    int name = identifierConstant(previous);
    namedVariable(Token.synthetic("this"), false);
    if (match(LEFT_PAREN)) {
      int argCount = argumentList();
      namedVariable(Token.synthetic("super"), false);
      emitOp(OpCode.SUPER_INVOKE, name);
      emitByte(argCount);
    } else {
      namedVariable(Token.synthetic("super"), false);
      emitOp(OpCode.GET_SUPER, name);
    }
  }

  // ---- Declarations and statements ----

  private void declaration() {
    if (match(CLASS)) {
      classDeclaration();
    } else if (match(FUN)) {
      funDeclaration();
    } else if (match(VAR)) {
      varDeclaration();
    } else {
      statement();
    }
    if (panicMode) {
      synchronize();
    }
  }

  private void classDeclaration() {
    consume(IDENTIFIER, "Expect class name.");
    Token className = previous;
    int nameConstant = identifierConstant(previous);
    declareVariable();
    emitOp(OpCode.CLASS, nameConstant);
    defineVariable(nameConstant);

    ClassState classState = new ClassState(currentClass);
    currentClass = classState;

    if (match(LESS)) {
      consume(IDENTIFIER, "Expect superclass name.");
      variable(false);
      if (className.sameLexeme(previous)) {
        error("A class can't inherit from itself.");
      }
      beginScope();
      addLocal(Token.synthetic("super"));
      defineVariable(0);
      namedVariable(className, false);
      emitOp(OpCode.INHERIT);
      classState.hasSuperclass = true;
    }

    namedVariable(className, false);
    consume(LEFT_BRACE, "Expect '{' before class body.");
    while (!check(RIGHT_BRACE) && !check(EOF)) {
      method();
    }
    consume(RIGHT_BRACE, "Expect '}' after class body.");
    emitOp(OpCode.POP);

    if (classState.hasSuperclass) {
      endScope();
    }
    currentClass = currentClass.enclosing;
  }

  private void method() {
    consume(IDENTIFIER, "Expect method name.");
    int constant = identifierConstant(previous);
    FunctionType type =
        previous.sameLexeme(Token.synthetic("init")) ? FunctionType.INITIALIZER : FunctionType.METHOD;
    function(type);
    emitOp(OpCode.METHOD, constant);
  }

  private void funDeclaration() {
    int global = parseVariable("Expect function name.");
    markInitialized();
    function(FunctionType.FUNCTION);
    defineVariable(global);
  }

  private void function(FunctionType type) {
    if (!enterNesting()) {
      return;
    }
    function = new FunctionState(function, type, intern(previous));
    beginScope();
    consume(LEFT_PAREN, "Expect '(' after function name.");
    if (!check(RIGHT_PAREN)) {
      do {
        function.arity++;
        if (function.arity > 255) {
          errorAtCurrent("Can't have more than 255 parameters.");
        }
        int constant = parseVariable("Expect parameter name.");
        defineVariable(constant);
      } while (match(COMMA));
    }
    consume(RIGHT_PAREN, "Expect ')' after parameters.");
    consume(LEFT_BRACE, "Expect '{' before function body.");
    block();

    FunctionState state = function;
    FunctionProto proto = endFunction();
    emitOp(OpCode.CLOSURE, makeConstant(proto));
    for (int i = 0; i < state.upvalueCount; i++) {
      emitByte(state.upvalueIsLocal[i] ? 1 : 0);
      emitByte(state.upvalueIndex[i]);
    }
    exitNesting();
  }

  private void varDeclaration() {
    int global = parseVariable("Expect variable name.");
    if (match(EQUAL)) {
      expression();
    } else {
      emitOp(OpCode.NIL);
    }
    consume(SEMICOLON, "Expect ';' after variable declaration.");
    defineVariable(global);
  }

  private void statement() {
    if (!enterNesting()) {
      return;
    }
    if (match(PRINT)) {
      printStatement();
    } else if (match(FOR)) {
      forStatement();
    } else if (match(IF)) {
      ifStatement();
    } else if (match(RETURN)) {
      returnStatement();
    } else if (match(WHILE)) {
      whileStatement();
    } else if (match(LEFT_BRACE)) {
      beginScope();
      block();
      endScope();
    } else {
      expressionStatement();
    }
    exitNesting();
  }

  private void block() {
    while (!check(RIGHT_BRACE) && !check(EOF)) {
      declaration();
    }
    consume(RIGHT_BRACE, "Expect '}' after block.");
  }

  private void printStatement() {
    expression();
    consume(SEMICOLON, "Expect ';' after value.");
    emitOp(OpCode.PRINT);
  }

  private void expressionStatement() {
    expression();
    consume(SEMICOLON, "Expect ';' after expression.");
    emitPop();
  }

  private void returnStatement() {
    if (function.type == FunctionType.SCRIPT) {
      error("Can't return from top-level code.");
    }
    if (match(SEMICOLON)) {
      emitReturn();
    } else {
      if (function.type == FunctionType.INITIALIZER) {
        error("Can't return a value from an initializer.");
      }
      expression();
      consume(SEMICOLON, "Expect ';' after return value.");
      emitOp(OpCode.RETURN);
    }
  }

  private void ifStatement() {
    consume(LEFT_PAREN, "Expect '(' after 'if'.");
    expression();
    consume(RIGHT_PAREN, "Expect ')' after condition.");
    Mark thenJump = emitConditionalJump();
    statement();
    Mark elseJump = emitJump(OpCode.JUMP);
    patchJump(thenJump);
    skippedTargetPop();
    if (match(ELSE)) {
      statement();
    }
    patchJump(elseJump);
  }

  private void whileStatement() {
    Mark loopStart = mark();
    consume(LEFT_PAREN, "Expect '(' after 'while'.");
    expression();
    consume(RIGHT_PAREN, "Expect ')' after condition.");
    Mark exitJump = emitConditionalJump();
    statement();
    emitLoop(loopStart);
    patchJump(exitJump);
    skippedTargetPop();
  }

  private void forStatement() {
    beginScope();
    consume(LEFT_PAREN, "Expect '(' after 'for'.");
    if (match(SEMICOLON)) {
      // No initializer.
    } else if (match(VAR)) {
      varDeclaration();
    } else {
      expressionStatement();
    }
    Mark loopStart = mark();
    Mark exitJump = null;
    if (!match(SEMICOLON)) {
      expression();
      consume(SEMICOLON, "Expect ';' after loop condition.");
      exitJump = emitConditionalJump();
    }
    if (!match(RIGHT_PAREN)) {
      Mark bodyJump = emitJump(OpCode.JUMP);
      Mark incrementStart = mark();
      expression();
      emitPop();
      consume(RIGHT_PAREN, "Expect ')' after for clauses.");
      emitLoop(loopStart);
      loopStart = incrementStart;
      patchJump(bodyJump);
    }
    statement();
    emitLoop(loopStart);
    if (exitJump != null) {
      patchJump(exitJump);
      skippedTargetPop();
    }
    endScope();
  }
}
