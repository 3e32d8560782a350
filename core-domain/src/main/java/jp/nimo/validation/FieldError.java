package jp.nimo.validation;

import java.util.Objects;

/** One thing wrong with one field of a request, named the way the client sent it. */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
