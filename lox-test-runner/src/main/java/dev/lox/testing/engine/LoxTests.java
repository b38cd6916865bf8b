package dev.lox.testing.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose tests are the {@code .lox} files in some directories:
 *
 * <pre>{@code
 * @LoxTests // src/test/lox
 * class LoxSpecTest {}
 * }</pre>
 *
 * <p>The class needs no body; it is how Surefire, which finds tests by class, finds Lox tests. The
 * annotation is inherited, so a class may instead extend an annotated marker class.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LoxTests {
  /**
   * Directories (searched for {@code *.lox}) or files, relative to the configuration parameter
   * {@value LoxEngineSettings#BASE_DIR}, which defaults to the working directory: under Maven, the
   * project's base directory.
   */
  String[] value() default {"src/test/lox"};
}
