package dev.quitto.cashback;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** A sale is JSON: 415 for any other content type. */
final class UnsupportedSaleMediaType extends Refusal {

    UnsupportedSaleMediaType(String mediaType) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type \"" + mediaType + "\"; send application/json.");
    }
}
