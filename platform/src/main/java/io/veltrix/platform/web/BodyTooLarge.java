package io.veltrix.platform.web;

import java.io.IOException;

/** A request body went past {@code veltrix.http.max-body-bytes}. */
public class BodyTooLarge extends IOException {

    private final long limit;

    public BodyTooLarge(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
