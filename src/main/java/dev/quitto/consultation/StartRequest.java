package dev.quitto.consultation;

import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** A start: physician and patient ids (camelCase or the seed's snake_case); the start date is the server's. */
record StartRequest(UUID physicianId, UUID patientId) {

    static StartRequest of(ObjectNode body) {
        List<FieldViolation> violations = new ArrayList<>();
        UUID physician = Requests.requiredUuid(body, "physicianId", "physician_id", "physician_id", violations);
        UUID patient = Requests.requiredUuid(body, "patientId", "patient_id", "patient_id", violations);
        if (physician == null || patient == null) {
            throw new InvalidInput(violations);
        }
        return new StartRequest(physician, patient);
    }
}
