package dev.quitto.anticipation.supplier;

import org.jspecify.annotations.Nullable;

/** What a caller may see: one supplier's rows, or every supplier's for an operator (or ADMIN). */
public sealed interface Scope {

    long userId();

    ActorRole role();

    /** The supplier every query is narrowed to; {@code null} for an operator. */
    @Nullable Long supplierId();

    default boolean isOperator() {
        return role() == ActorRole.OPERATOR;
    }

    record OfSupplier(long userId, long supplier) implements Scope {

        @Override
        public ActorRole role() {
            return ActorRole.SUPPLIER;
        }

        @Override
        public Long supplierId() {
            return supplier;
        }
    }

    record OfOperator(long userId) implements Scope {

        @Override
        public ActorRole role() {
            return ActorRole.OPERATOR;
        }

        @Override
        public @Nullable Long supplierId() {
            return null;
        }
    }
}
