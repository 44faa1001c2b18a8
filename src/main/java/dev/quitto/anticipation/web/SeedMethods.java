package dev.quitto.anticipation.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** The methods the seed's paths do not serve, answered 405 with the seed's body (Spring's own 405 is problem+json). */
@SeedApi
@RestController
class SeedMethods {

    @RequestMapping(path = {"/api/payments/", "/api/payments", "/api/anticipations/", "/api/anticipations"},
            method = {RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    void lists(HttpServletRequest request) {
        throw new MethodNotAllowed(request.getMethod(), "GET, POST, HEAD, OPTIONS");
    }

    @RequestMapping(path = {"/api/payments/{id}/", "/api/payments/{id}", "/api/logs/", "/api/logs"},
            method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    void readOnly(HttpServletRequest request) {
        throw new MethodNotAllowed(request.getMethod(), "GET, HEAD, OPTIONS");
    }

    @RequestMapping(path = {"/api/anticipations/{id}/", "/api/anticipations/{id}"}, method = {RequestMethod.POST, RequestMethod.DELETE})
    void anticipation(HttpServletRequest request) {
        throw new MethodNotAllowed(request.getMethod(), "GET, PUT, PATCH, HEAD, OPTIONS");
    }
}
