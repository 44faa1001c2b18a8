package dev.quitto.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A clinic client of the seed paths, signed in as the seed's admin account, and reads of this module's rows. */
record Clinic(Http http, JdbcClient jdbc) {

    static final String PHYSICIAN = "ea959b03-5577-45c9-b9f7-a45d3e77ce82";
    static final String SEED_PATIENT = "86158d46-ce33-4e3d-a822-462bbff5782f";

    static Clinic on(int port, JdbcClient jdbc) {
        return new Clinic(Http.on(port).basic("admin", "teste123"), jdbc);
    }

    Http.Response start(String patientId) {
        return http.post("/app/consultation/start/", "{\"physician_id\": \"" + PHYSICIAN + "\", \"patient_id\": \"" + patientId + "\"}");
    }

    /** Starts a consultation for a new patient and returns its id. */
    String startNew() {
        Http.Response started = start(UUID.randomUUID().toString());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started.json().get("id").asString();
    }

    Http.Response finish(String consultationId, @Nullable String endDate) {
        return http.put("/app/consultation/finish/", "{\"consultation_id\": \"" + consultationId + "\""
                + (endDate == null ? "" : ", \"end_date\": \"" + endDate + "\"") + "}");
    }

    JsonNode canonical(String consultationId) {
        Http.Response response = http.get("/api/v1/consultations/" + consultationId);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    long deliveryRows(String consultationId) {
        return jdbc.sql("select count(*) from platform_delivery where destination = 'finance' and business_key = :key")
                .param("key", consultationId).query(Long.class).single();
    }

    long financeRecords(String consultationId) {
        return jdbc.sql("select count(*) from finance_record where appointment_id = :id::uuid").param("id", consultationId).query(Long.class).single();
    }
}
