package dev.quitto.anticipation.supplier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SupplierRepository {

    private static final String COLUMNS = "id, user_id, corporate_name, cnpj, created_at";

    private final JdbcClient jdbc;

    SupplierRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    OptionalLong findIdByUser(long userId) {
        return jdbc.sql("select id from anticipation_supplier where user_id = :userId").param("userId", userId)
                .query(Long.class).optional().map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    Optional<Supplier> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from anticipation_supplier where id = :id").param("id", id).query(this::map).optional();
    }

    Optional<Supplier> findByCnpj(String cnpj) {
        return jdbc.sql("select " + COLUMNS + " from anticipation_supplier where cnpj = :cnpj").param("cnpj", cnpj).query(this::map).optional();
    }

    boolean exists(long id) {
        return jdbc.sql("select exists (select 1 from anticipation_supplier where id = :id)").param("id", id).query(Boolean.class).single();
    }

    /** Suppliers whose name or CNPJ starts with {@code q} (any when null), narrowed to {@code only} when given. */
    List<Supplier> find(@Nullable String q, @Nullable Long only, int limit, long offset) {
        return jdbc.sql("select " + COLUMNS + " from anticipation_supplier where " + FILTER + " order by created_at desc, id desc limit :limit offset :offset")
                .param("q", q).param("only", only).param("limit", limit).param("offset", offset).query(this::map).list();
    }

    long count(@Nullable String q, @Nullable Long only) {
        return jdbc.sql("select count(*) from anticipation_supplier where " + FILTER).param("q", q).param("only", only).query(Long.class).single();
    }

    private static final String FILTER = """
            (cast(:only as bigint) is null or id = :only)
            and (cast(:q as varchar) is null or lower(corporate_name) like lower(:q) || '%' or cnpj like upper(:q) || '%')
            """;

    /** A new supplier; a taken user or CNPJ is refused by its named unique constraint. */
    Supplier insert(long userId, String corporateName, String cnpj, Instant createdAt) {
        try {
            return jdbc.sql("""
                            insert into anticipation_supplier (user_id, corporate_name, cnpj, created_at)
                            values (:userId, :name, :cnpj, :createdAt) returning\s""" + COLUMNS)
                    .param("userId", userId).param("name", corporateName).param("cnpj", cnpj).param("createdAt", Timestamp.from(createdAt))
                    .query(this::map).single();
        } catch (DuplicateKeyException e) {
            throw conflict(e);
        }
    }

    /** Inserts unless the user is already linked; for the demo data, safe on restart. */
    void insertIfAbsent(long userId, String corporateName, String cnpj, Instant createdAt) {
        jdbc.sql("""
                        insert into anticipation_supplier (user_id, corporate_name, cnpj, created_at)
                        values (:userId, :name, :cnpj, :createdAt) on conflict do nothing""")
                .param("userId", userId).param("name", corporateName).param("cnpj", cnpj).param("createdAt", Timestamp.from(createdAt))
                .update();
    }

    Optional<Supplier> update(long id, @Nullable String corporateName, @Nullable String cnpj) {
        try {
            return jdbc.sql("""
                            update anticipation_supplier set corporate_name = coalesce(:name, corporate_name), cnpj = coalesce(:cnpj, cnpj)
                            where id = :id returning\s""" + COLUMNS)
                    .param("id", id).param("name", corporateName).param("cnpj", cnpj).query(this::map).optional();
        } catch (DuplicateKeyException e) {
            throw conflict(e);
        }
    }

    private static RuntimeException conflict(DuplicateKeyException e) {
        String constraint = e.getMostSpecificCause() instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getConstraint() : null;
        if ("anticipation_supplier_cnpj_unique".equals(constraint)) {
            return new SupplierConflict("Another supplier already has this CNPJ.");
        }
        if ("anticipation_supplier_user_unique".equals(constraint)) {
            return new SupplierConflict("This user is already linked to a supplier.");
        }
        return e;
    }

    private Supplier map(ResultSet rs, int row) throws SQLException {
        return new Supplier(rs.getLong("id"), rs.getLong("user_id"), rs.getString("corporate_name"), rs.getString("cnpj"),
                rs.getTimestamp("created_at").toInstant());
    }
}
