package dev.lox.maven;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A user property ({@code -Dname=value}) for one mojo test, set on the session before the mojo is
 * configured, so that a parameter's {@code property} is tested as Maven would apply it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(UserProperty.List.class)
public @interface UserProperty {
  String name();

  String value();

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface List {
    UserProperty[] value();
  }

}
