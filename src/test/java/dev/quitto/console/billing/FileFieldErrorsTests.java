package dev.quitto.console.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.imports.DuplicateColumns;
import dev.quitto.platform.imports.EmptyFile;
import dev.quitto.platform.imports.FileTooLarge;
import dev.quitto.platform.imports.MissingColumns;
import dev.quitto.platform.imports.MissingFile;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The upload API's refusals of a file, as the sentence beside the form's file input. */
class FileFieldErrorsTests {

    @Test
    void aMissingFileAsksForOne() {
        assertThat(FileFieldErrors.of(new MissingFile("No selected file: the part \"file\" has an empty file name.")))
                .isEqualTo("Choose a CSV file to upload.");
    }

    @Test
    void aFileTooLargeKeepsTheApisLimit() {
        assertThat(FileFieldErrors.of(new FileTooLarge(1_073_741_824L))).isEqualTo("The file is larger than the limit of 1073741824 bytes.");
    }

    @Test
    void anEmptyFileAndRepeatedColumnsKeepTheApisWords() {
        assertThat(FileFieldErrors.of(new EmptyFile())).isEqualTo("The file is empty.");
        assertThat(FileFieldErrors.of(new DuplicateColumns(List.of("email")))).isEqualTo("The header names email more than once.");
    }

    @Test
    void aFileWithoutTheColumnsIsNotADebtsFileAndItsHeaderIsShortened() {
        String message = FileFieldErrors.of(new MissingColumns(List.of("email"), Collections.nCopies(200, "garbage")));

        assertThat(message).startsWith("This is not a debts file. The header lacks the required column email (found: garbage, garbage")
                .hasSize(FileFieldErrors.MAX_LENGTH).endsWith("…");
    }

    @Test
    void aFormSentAgainWithAnotherFileAsksForTheFileAgain() {
        assertThat(FileFieldErrors.of(new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCodes.IDEMPOTENCY_KEY_REUSED, "reused")))
                .isEqualTo("This form was already sent with another file. Choose the file again.");
    }

    @Test
    void aRefusalThatIsNotAboutTheFileIsNoFieldError() {
        assertThat(FileFieldErrors.of(new Refusal(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "Operators only."))).isNull();
        assertThat(FileFieldErrors.of(new Refusal(HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage", "Spool area full."))).isNull();
    }
}
