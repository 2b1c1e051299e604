package io.veltrix.api.find;

/** The answer to {@link RequestHint}: the hint and the penalty charged by this request (0 on a repeat). */
public record HintResult(String hint, int penalty) {
}
