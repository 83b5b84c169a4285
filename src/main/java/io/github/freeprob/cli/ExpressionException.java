package io.github.freeprob.cli;

/**
 * A malformed or invalid spectrum expression, with the position of the offending text.
 */
final class ExpressionException extends IllegalArgumentException {

    private final int position;

    ExpressionException(String message, String text, int position) {
        super(message + " at position " + position + ":\n  " + text + "\n  " + " ".repeat(Math.max(0, position)) + "^");
        this.position = position;
    }

    /** @return the 0-based position in the expression */
    int position() {
        return position;
    }
}
