/**
 * A JUnit Platform {@code TestEngine} (id {@value dev.lox.testing.engine.LoxTestEngine#ENGINE_ID}) that
 * runs {@code .lox} tests as ordinary tests under Surefire and in IDEs: each file is a test, and a
 * failing one fails with the runner's diff.
 *
 * <p>Surefire only hands engines class selectors, so tests are found through a class: either one
 * annotated {@link dev.lox.testing.engine.LoxTests} (or extending one that is), or a {@code @Suite}
 * class with {@code @SelectDirectories}, whose directory selectors this engine resolves.
 *
 * <p>It may use the runner's library (its configuration parameters become a {@link
 * dev.lox.testing.TestRequest}), the JUnit Platform engine API, opentest4j and the JDK; nothing of
 * lox-vm directly.
 */
package dev.lox.testing.engine;
