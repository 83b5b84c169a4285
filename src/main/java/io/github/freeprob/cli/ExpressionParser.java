package io.github.freeprob.cli;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.convolution.Route;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parser of spectrum expressions: named laws, ⊞ (or {@code (+)}) and ⊠ (or {@code (*)}) with ⊠ binding tighter,
 * parentheses, and {@code scale(e, s)}, {@code shift(e, c)}, {@code pow_plus(e, t)}, {@code pow_times(e, t)}.
 *
 * <pre>
 * expression := product (('⊞' | '(+)') product)*
 * product    := primary (('⊠' | '(*)') primary)*
 * primary    := '(' expression ')' | law | function
 * law        := semicircle(v) | mp(λ) | atoms(x:p, …) | uniform(a, b) | arcsine(a, b) | dirac(x)
 * function   := scale(expression, s) | shift(expression, c) | pow_plus(expression, t) | pow_times(expression, t)
 * </pre>
 *
 * Errors name the position of the offending text; a parameter outside its domain gives the law's range.
 */
final class ExpressionParser {

    /** The domains of the laws' parameters, as the conventions state them. */
    static final Map<String, String> DOMAINS = Map.of(
            "semicircle", "semicircle(v) needs a variance v > 0",
            "mp", "mp(lambda) needs a ratio lambda > 0",
            "atoms", "atoms(x1:p1, ...) needs finite locations and masses >= 0 summing to 1",
            "uniform", "uniform(a, b) needs finite a < b",
            "arcsine", "arcsine(a, b) needs finite a < b",
            "dirac", "dirac(x) needs a finite x",
            "scale", "scale(e, s) needs a finite s != 0",
            "shift", "shift(e, c) needs a finite c",
            "pow_plus", "pow_plus(e, t) needs t >= 1",
            "pow_times", "pow_times(e, t) needs t >= 1 and e on [0, inf) with positive mean");

    private final String text;
    private final Route route;
    private int position;

    private ExpressionParser(String text, Route route) {
        this.text = text;
        this.route = route;
    }

    /**
     * @param text  the expression
     * @param route the route of every convolution in it
     * @return the measure it denotes
     * @throws ExpressionException on a syntax error or an invalid parameter, with its position
     */
    static Measure parse(String text, Route route) {
        ExpressionParser parser = new ExpressionParser(text, route);
        parser.skipSpaces();
        if (parser.position >= text.length()) {
            throw new ExpressionException("empty expression", text, 0);
        }
        Measure measure = parser.expression();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw new ExpressionException("unexpected '" + text.charAt(parser.position) + "'", text, parser.position);
        }
        return measure;
    }

    private Measure expression() {
        Measure left = product();
        while (true) {
            skipSpaces();
            int at = position;
            if (consume("⊞") || consume("(+)")) {
                Measure right = product();
                left = combine(at, "free additive convolution", left, right,
                        (a, b) -> FreeConvolution.additive(a, b, route));
            } else {
                return left;
            }
        }
    }

    private Measure product() {
        Measure left = primary();
        while (true) {
            skipSpaces();
            int at = position;
            if (consume("⊠") || consume("(*)")) {
                Measure right = primary();
                left = combine(at, "free multiplicative convolution", left, right,
                        (a, b) -> FreeConvolution.multiplicative(a, b, route));
            } else {
                return left;
            }
        }
    }

    private Measure combine(int at, String what, Measure left, Measure right,
                            java.util.function.BinaryOperator<Measure> operation) {
        try {
            return operation.apply(left, right);
        } catch (ExpressionException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(what + ": " + e.getMessage(), text, at);
        }
    }

    private Measure primary() {
        skipSpaces();
        int start = position;
        if (position >= text.length()) {
            throw new ExpressionException("expected a law, a function or '('", text, position);
        }
        if (peek("(+)") || peek("(*)")) {
            throw new ExpressionException("expected a law, a function or '(' before the operator", text, position);
        }
        if (consume("(")) {
            Measure inner = expression();
            expect(")");
            return inner;
        }
        String name = name();
        if (name.isEmpty()) {
            throw new ExpressionException("expected a law, a function or '('", text, start);
        }
        if (!DOMAINS.containsKey(name)) {
            throw new ExpressionException("unknown law or function '" + name + "' (known: " + String.join(", ",
                    new java.util.TreeSet<>(DOMAINS.keySet())) + ")", text, start);
        }
        expect("(");
        try {
            return switch (name) {
                case "semicircle" -> finish(Laws.semicircle(number()));
                case "mp" -> finish(Laws.marchenkoPastur(number()));
                case "dirac" -> finish(Laws.dirac(number()));
                case "uniform" -> {
                    double a = number();
                    expect(",");
                    yield finish(Laws.uniform(a, number()));
                }
                case "arcsine" -> {
                    double a = number();
                    expect(",");
                    yield finish(Laws.arcsine(a, number()));
                }
                case "atoms" -> atoms();
                case "scale", "shift", "pow_plus", "pow_times" -> function(name);
                default -> throw new IllegalStateException(name);
            };
        } catch (ExpressionException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ExpressionException("invalid " + name + ": " + e.getMessage() + " (" + DOMAINS.get(name) + ")",
                    text, start);
        }
    }

    private Measure function(String name) {
        Measure inner = expression();
        expect(",");
        double parameter = number();
        return finish(switch (name) {
            case "scale" -> Laws.scale(inner, parameter);
            case "shift" -> Laws.shift(inner, parameter);
            case "pow_plus" -> FreeConvolution.additivePower(inner, parameter);
            default -> FreeConvolution.multiplicativePower(inner, parameter);
        });
    }

    private Measure atoms() {
        List<Double> locations = new ArrayList<>();
        List<Double> masses = new ArrayList<>();
        do {
            locations.add(number());
            expect(":");
            masses.add(number());
        } while (consume(","));
        double[] x = locations.stream().mapToDouble(Double::doubleValue).toArray();
        double[] p = masses.stream().mapToDouble(Double::doubleValue).toArray();
        return finish(Laws.atoms(x, p));
    }

    /** Consumes the closing parenthesis of a call and returns its value. */
    private Measure finish(Measure measure) {
        expect(")");
        return measure;
    }

    private String name() {
        skipSpaces();
        int start = position;
        while (position < text.length()
                && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
            position++;
        }
        return text.substring(start, position).toLowerCase(Locale.ROOT);
    }

    private double number() {
        skipSpaces();
        int start = position;
        while (position < text.length() && "+-.0123456789eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String token = text.substring(start, position);
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new ExpressionException(token.isEmpty() ? "expected a number" : "malformed number '" + token + "'",
                    text, start);
        }
    }

    private void expect(String token) {
        skipSpaces();
        if (!consume(token)) {
            throw new ExpressionException("expected '" + token + "'", text, position);
        }
    }

    private boolean peek(String token) {
        return text.startsWith(token, position);
    }

    private boolean consume(String token) {
        skipSpaces();
        if (peek(token)) {
            position += token.length();
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
