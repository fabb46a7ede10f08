package dev.registrish.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An end-to-end test: it starts a real server or client (nginx, Apache, containerd, skopeo, Docker),
 * a child JVM, or works through large data. {@code mvn test} leaves these out; {@code mvn verify}
 * runs them after the fast tier (the {@code e2e} tag, selected in pom.xml).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("e2e")
public @interface EndToEnd {}
