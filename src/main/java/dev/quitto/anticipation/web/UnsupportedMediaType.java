package dev.quitto.anticipation.web;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

public final class UnsupportedMediaType extends Refusal {

    public UnsupportedMediaType(String mediaType) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type \"" + mediaType + "\" in request.");
    }
}
