/**
 * Who is calling: users and roles in PostgreSQL, JWT bearer tokens and HTTP Basic, the current user, and
 * the problem bodies of 401, 403 and 429.
 */
@NamedInterface("security")
@NullMarked
package dev.quitto.platform.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
