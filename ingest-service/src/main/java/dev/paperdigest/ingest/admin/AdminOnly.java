package dev.paperdigest.ingest.admin;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/** The endpoint requires {@code Authorization: Bearer <paperdigest.admin.api-key>} (see {@link AdminKeyFilter}). */
@NameBinding
@Retention(RUNTIME)
@Target({ TYPE, METHOD })
public @interface AdminOnly {
}
