package io.proxyline.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every exception a controller (or Spring MVC itself) raises in the AWS error shape; see
 * {@link AwsErrors#map} for the mapping. Ordered last, so a service's own, more specific advice runs
 * first. The body is written as bytes with an explicit JSON content type, so the answer never
 * depends on the client's Accept header.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class AwsErrorAdvice {

    @ExceptionHandler(Exception.class)
    public ResponseEntity<byte[]> handle(Exception failure, HttpServletRequest request) {
        return AwsErrors.entity(AwsErrors.map(failure, request), request);
    }
}
