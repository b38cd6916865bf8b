package dev.lox.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.Lox;
import dev.lox.api.RunResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Language semantics that the VM's fast paths (fused compare-and-branch, constant arithmetic,
 * store-and-pop, inline calls) must keep exactly as clox has them. Every expected stdout, stderr
 * and exit code here is what the reference clox printed for the same program.
 */
class VMTest {

  private static void check(String source, String stdout, String stderr, int exitCode) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Lox lox = new Lox(out, err);
    RunResult result = lox.interpret(source.getBytes(StandardCharsets.UTF_8));
    lox.flush();
    assertEquals(stdout, out.toString(StandardCharsets.UTF_8), "stdout");
    assertEquals(stderr, err.toString(StandardCharsets.UTF_8), "stderr");
    assertEquals(exitCode, result.exitCode(), "exit code");
  }

  /** NaN compares false, so the negated comparisons (>=, <=, !=) are true, in branches too. */
  @Test
  void nanComparisonsAndFusedBranches() {
    check(
        """
        var n = 0/0; print n < 1; print n >= 1; print n <= 1; print n > 1; print n == n; print n != n;
        if (n >= 1) print "ge"; else print "not ge";
        if (n <= 1) print "le"; else print "not le";
        if (n < 1) print "lt"; else print "not lt";
        if (n > 1) print "gt"; else print "not gt";
        if (n != n) print "ne"; else print "not ne";
        if (n == n) print "eq"; else print "not eq";
        if (!(n < 1)) print "notlt";
        while (n >= 1) { print "loop"; n = 0; }
        for (var i = 0; i != 3; i = i + 1) print i;
        for (var i = 3; i >= 1; i = i - 1) print i;
        for (var i = 0; i <= 2; i = i + 1) print i;
        for (var i = 5; i > 3; i = i - 1) print i;
        for (var i = 0; !(i == 2); i = i + 1) print i;
        """,
        """
        false
        true
        true
        false
        false
        true
        ge
        le
        not lt
        not gt
        ne
        not eq
        notlt
        loop
        0
        1
        2
        3
        2
        1
        0
        1
        2
        5
        4
        0
        1
        """,
        "",
        0);
  }

  @Test
  void comparisonErrorTakesTheLineOfItsRightOperand() {
    check(
        """
        if (1 <
          "a") print 1;
        """,
        "",
        """
        Operands must be numbers.
        [line 2] in script
        """,
        70);
  }

  @Test
  void comparisonErrorInLoopCondition() {
    check(
        """
        var a = "x";
        while (a >= 1) {}
        """,
        "",
        """
        Operands must be numbers.
        [line 2] in script
        """,
        70);
  }

  @Test
  void lessEqualOnNilIsAnError() {
    check(
        """
        var a = nil;
        if (a <= nil) print 1;
        """,
        "",
        """
        Operands must be numbers.
        [line 2] in script
        """,
        70);
  }

  @Test
  void addingANumberToAStringIsAnError() {
    check(
        """
        { var a = "s";
          a = a + 1; }
        """,
        "",
        """
        Operands must be two numbers or two strings.
        [line 2] in script
        """,
        70);
  }

  @Test
  void subtractingFromAStringIsAnError() {
    check(
        """
        var a = "s";
        print a -
         1;
        """,
        "",
        """
        Operands must be numbers.
        [line 3] in script
        """,
        70);
  }

  @Test
  void addingToNilIsAnError() {
    check(
        """
        print nil + 1;
        """,
        "",
        """
        Operands must be two numbers or two strings.
        [line 1] in script
        """,
        70);
  }

  @Test
  void propertyOfALocalNumber() {
    check(
        """
        { var a = 1;
         print a.x; }
        """,
        "",
        """
        Only instances have properties.
        [line 2] in script
        """,
        70);
  }

  @Test
  void fieldOfALocalNumber() {
    check(
        """
        { var a = 1;
         a.x = 2; }
        """,
        "",
        """
        Only instances have fields.
        [line 2] in script
        """,
        70);
  }

  @Test
  void fieldOfAGlobalNumber() {
    check(
        """
        var a = 1;
         a.x = 2;
        """,
        "",
        """
        Only instances have fields.
        [line 2] in script
        """,
        70);
  }

  @Test
  void assigningAnUndefinedGlobal() {
    check(
        """
        var y = 1;
        x = 1;
        """,
        "",
        """
        Undefined variable 'x'.
        [line 2] in script
        """,
        70);
  }

  /** Strings compare by bytes, whether interned or built by +; bound methods are new each time. */
  @Test
  void equalityOfEveryKind() {
    check(
        """
        var s = "a" + "b"; if (s == "ab") print "eq"; else print "ne";
        if (s != "ab") print "ne2"; else print "eq2";
        var t = "ab"; print t == s;
        if (nil == false) print 1; else print 2;
        if (0 == false) print 3; else print 4;
        if (-0 == 0) print 5; else print 6;
        if (nil == nil) print 7;
        if (true == true) print 8;
        class A { m() {} } var a = A(); if (a.m == a.m) print "same"; else print "diff";
        if (a == a) print "aa"; if (A == A) print "AA";
        fun f() {} if (f == f) print "ff"; if (clock == clock) print "cc";
        print "ab" == "a" + "b";
        """,
        """
        eq
        eq2
        true
        2
        4
        5
        7
        8
        diff
        aa
        AA
        ff
        cc
        true
        """,
        "",
        0);
  }

  @Test
  void storesToUpvaluesGlobalsAndFields() {
    check(
        """
        fun mk() { var c = 0; fun inc() { c = c + 1; c = c + 1; return c; } return inc; }
        var i = mk(); i(); print i();
        var g = 1; g = g + 1; g = g - 3; print g;
        class P { init() { this.x = 1; } bump() { this.x = this.x + 1; this.y = this.x; return this; } }
        var p = P(); p.bump().bump(); print p.x; print p.y;
        { var q = P(); q.x = 5; q.bump(); print q.x + q.y; }
        fun h(o) { o.z = 9; return o.z; } print h(p);
        """,
        """
        4
        -1
        3
        3
        12
        9
        """,
        "",
        0);
  }

  @Test
  void arithmeticWithConstants() {
    check(
        """
        var a = 1; print -a; print - -a; print !a; print !!nil; print 3 - -2;
        { var b = 2; print b - 1; print b + 1; print 1 - b; print b - 1.5; print b - 10000000000; }
        """,
        """
        -1
        1
        false
        false
        5
        1
        3
        -1
        0.5
        -1e+10
        """,
        "",
        0);
  }

  @Test
  void propertyChains() {
    check(
        """
        class A {} var a = A(); a.b = A(); a.b.c = 3; print a.b.c;
        { var x = A(); x.y = x; x.y.y.v = 4; print x.v; print x.y.v; }
        """,
        """
        3
        4
        4
        """,
        "",
        0);
  }

  @Test
  void comparisonsInFunctions() {
    check(
        """
        fun f(a, b) { return a < b; } print f(1, 2); print f(2, 1);
        fun g(a) { if (a < 0) return "neg"; if (a == 0) return "zero"; return "pos"; }
        print g(-1); print g(0); print g(1);
        fun h(a) { return a < "x"; } print h(1);
        """,
        """
        true
        false
        neg
        zero
        pos
        """,
        """
        Operands must be numbers.
        [line 4] in h()
        [line 4] in script
        """,
        70);
  }

  @Test
  void logicalOperatorsInConditions() {
    check(
        """
        print 1 < 2 and 2 < 3; print 1 > 2 or 2 > 3; print nil or "x"; print false and 1;
        if (1 < 2 and 3 > 2) print "both"; if (1 > 2 or 3 > 2) print "either";
        var i = 0; while (i < 3 and i != 2) i = i + 1; print i;
        """,
        """
        true
        false
        x
        false
        both
        either
        2
        """,
        "",
        0);
  }

  @Test
  void callsAndPrintedValues() {
    check(
        """
        class A { init(x) { this.x = x; } m() { return this.x; } }
        fun g() { return "g"; }
        var a = A(1);
        a.f = g;
        print a.f();
        print a.m();
        var m = a.m;
        a.x = 2;
        print m();
        print A(3).init(4).x;
        print a.init;
        print A;
        print a;
        print g;
        print clock;
        print m;
        a.x = nil;
        a.x();
        """,
        """
        g
        1
        2
        4
        <fn init>
        A
        A instance
        <fn g>
        <native fn>
        <fn m>
        """,
        """
        Can only call functions and classes.
        [line 18] in script
        """,
        70);
  }

  @Test
  void callingANumber() {
    check(
        """
        var a = 1;
        a();
        """,
        "",
        """
        Can only call functions and classes.
        [line 2] in script
        """,
        70);
  }

  @Test
  void classWithoutInitTakesNoArguments() {
    check(
        """
        class A {}
        A(1);
        """,
        "",
        """
        Expected 0 arguments but got 1.
        [line 2] in script
        """,
        70);
  }

  @Test
  void methodOfAString() {
    check(
        """
        var s = "str";
        s.len();
        """,
        "",
        """
        Only instances have methods.
        [line 2] in script
        """,
        70);
  }

  @Test
  void undefinedMethod() {
    check(
        """
        class A { m() {} }
        A().nope();
        """,
        "",
        """
        Undefined property 'nope'.
        [line 2] in script
        """,
        70);
  }

  @Test
  void initializerArity() {
    check(
        """
        class A { init(a, b) {} }
        A(1);
        """,
        "",
        """
        Expected 2 arguments but got 1.
        [line 2] in script
        """,
        70);
  }

  @Test
  void superclassMustBeAClass() {
    check(
        """
        var NotClass = "x";
        class B < NotClass {}
        """,
        "",
        """
        Superclass must be a class.
        [line 2] in script
        """,
        70);
  }

  @Test
  void undefinedSuperMethodCall() {
    check(
        """
        class A { m() {} }
        class B < A { m() { return super.gone(); } }
        B().m();
        """,
        "",
        """
        Undefined property 'gone'.
        [line 2] in m()
        [line 3] in script
        """,
        70);
  }

  @Test
  void undefinedSuperMethodAccess() {
    check(
        """
        class A { m() {} }
        class B < A { m() { return super.gone; } }
        B().m();
        """,
        "",
        """
        Undefined property 'gone'.
        [line 2] in m()
        [line 3] in script
        """,
        70);
  }

  @Test
  void closuresCaptureVariablesNotValues() {
    check(
        """
        var fs = nil; var gs = nil;
        for (var i = 0; i < 3; i = i + 1) {
          var j = i;
          fun f() { return j; }
          if (i == 0) fs = f;
          if (i == 1) gs = f;
        }
        print fs(); print gs();
        var h = nil;
        for (var k = 0; k < 3; k = k + 1) { fun cap() { return k; } if (k == 1) h = cap; }
        print h();
        fun outer() { var x = "before"; fun get() { return x; } x = "after"; return get; }
        print outer()();
        fun counter() { var n = 0; fun inc() { n = n + 1; return n; } return inc; }
        var c1 = counter(); var c2 = counter(); c1(); c1(); print c1(); print c2();
        { var shared = 1; fun a() { shared = shared + 1; return shared; } fun b() { return shared; } a(); print b(); }
        """,
        """
        0
        1
        3
        after
        3
        1
        2
        """,
        "",
        0);
  }
}
