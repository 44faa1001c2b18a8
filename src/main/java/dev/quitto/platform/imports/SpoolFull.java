package dev.quitto.platform.imports;

import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** The spool area filled up while receiving (507 {@code insufficient-storage}): the upload is not accepted; retry later. */
public class SpoolFull extends Refusal {

    public static final String CODE = "insufficient-storage";

    public SpoolFull() {
        super(HttpStatus.INSUFFICIENT_STORAGE, CODE, "There is no room left to receive the file; nothing was accepted. Try again later.");
    }
}
