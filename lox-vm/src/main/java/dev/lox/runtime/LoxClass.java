package dev.lox.runtime;

/** A Lox class: its name, methods and initializer, and the shape its new instances start with. */
public final class LoxClass {
  private final LoxString name;
  private final Table methods = new Table();
  private final Shape rootShape = Shape.root(this);
  private Closure initializer;
  /** The most fields any instance has had, so new instances allocate once. */
  private int fieldHint;

  public LoxClass(LoxString name) {
    this.name = name;
  }

  public LoxString name() {
    return name;
  }

  /** The method called {@code name}, or {@code null}. */
  public Closure method(LoxString name) {
    return (Closure) methods.get(name);
  }

  public void defineMethod(LoxString name, Closure method, boolean isInitializer) {
    methods.put(name, method);
    if (isInitializer) {
      initializer = method;
    }
  }

  /** Copies down the superclass's methods, as clox does, so lookups never walk the hierarchy. */
  public void inherit(LoxClass superclass) {
    methods.putAll(superclass.methods);
    if (superclass.initializer != null && initializer == null) {
      initializer = superclass.initializer;
    }
  }

  public Closure initializer() {
    return initializer;
  }

  /**
   * The shape a new instance starts with, one per class: also what names the class itself in a
   * super call's cache (see VM#superMethod).
   */
  public Shape rootShape() {
    return rootShape;
  }

  int fieldHint() {
    return fieldHint;
  }

  void noteFieldCount(int count) {
    if (count > fieldHint) {
      fieldHint = count;
    }
  }
}
