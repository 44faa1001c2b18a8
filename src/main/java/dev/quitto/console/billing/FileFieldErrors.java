package dev.quitto.console.billing;

import dev.quitto.platform.imports.DuplicateColumns;
import dev.quitto.platform.imports.EmptyFile;
import dev.quitto.platform.imports.FileTooLarge;
import dev.quitto.platform.imports.MissingColumns;
import dev.quitto.platform.imports.MissingFile;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * The upload API's refusals of a file (billing.md 7) as the message shown beside the form's file input, in the API's
 * words where they speak to a person; null for a refusal that is not about the file (a role, a missing import).
 */
final class FileFieldErrors {

    /** A header of binary or foreign data lists a lot of "columns"; the message keeps its start. */
    static final int MAX_LENGTH = 300;

    private FileFieldErrors() {
    }

    static @Nullable String of(Refusal refusal) {
        return switch (refusal.code()) {
            case MissingFile.CODE -> "Choose a CSV file to upload.";
            case MissingColumns.CODE -> shortened("This is not a debts file. " + refusal.getMessage());
            case EmptyFile.CODE, DuplicateColumns.CODE, FileTooLarge.CODE, ProblemCodes.MALFORMED_BODY -> shortened(refusal.getMessage());
            case ProblemCodes.IDEMPOTENCY_KEY_REUSED -> "This form was already sent with another file. Choose the file again.";
            default -> null;
        };
    }

    private static String shortened(@Nullable String message) {
        String text = message == null ? "The file was refused." : message;
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
