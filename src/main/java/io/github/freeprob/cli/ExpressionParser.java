package io.github.freeprob.cli;

import io.github.freeprob.convolution.FreeConvolution;
import io.github.freeprob.convolution.Route;
import io.github.freeprob.measure.Laws;
import io.github.freeprob.measure.Measure;
import io.github.freeprob.numerics.Checks;
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
        return parseTerm(text, route).law();
    }

    /**
     * Parses an expression into its law and its matrix realisation ({@link MatrixModel}), for {@code validate}.
     *
     * @param text  the expression
     * @param route the route of every convolution in it
     * @return the law and how to sample it
     * @throws ExpressionException on a syntax error or an invalid parameter, with its position
     */
    static Term parseTerm(String text, Route route) {
        ExpressionParser parser = new ExpressionParser(text, route);
        parser.skipSpaces();
        if (parser.position >= text.length()) {
            throw new ExpressionException("empty expression", text, 0);
        }
        Term term = parser.expression();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw new ExpressionException("unexpected '" + text.charAt(parser.position) + "'", text, parser.position);
        }
        return term;
    }

    /**
     * A parsed (sub)expression: its law and its matrix model.
     *
     * @param law   the measure it denotes
     * @param model how to sample matrices whose spectra tend to the law
     */
    record Term(Measure law, MatrixModel model) {
    }

    private Term expression() {
        Term left = product();
        while (true) {
            skipSpaces();
            int at = position;
            if (consume("⊞") || consume("(+)")) {
                Term right = product();
                left = new Term(combine(at, "free additive convolution", left.law(), right.law(),
                        (a, b) -> FreeConvolution.additive(a, b, route)), MatrixModel.freeSum(left.model(),
                        right.model()));
            } else {
                return left;
            }
        }
    }

    private Term product() {
        Term left = primary();
        while (true) {
            skipSpaces();
            int at = position;
            if (consume("⊠") || consume("(*)")) {
                Term right = primary();
                left = new Term(combine(at, "free multiplicative convolution", left.law(), right.law(),
                        (a, b) -> FreeConvolution.multiplicative(a, b, route)), MatrixModel.freeProduct(left.model(),
                        right.model(), left.law().isNonNegative()));
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

    private Term primary() {
        skipSpaces();
        int start = position;
        if (position >= text.length()) {
            throw new ExpressionException("expected a law, a function or '('", text, position);
        }
        if (peek("(+)") || peek("(*)")) {
            throw new ExpressionException("expected a law, a function or '(' before the operator", text, position);
        }
        if (consume("(")) {
            Term inner = expression();
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
                case "semicircle" -> {
                    double v = number();
                    yield new Term(finish(Laws.semicircle(v)), MatrixModel.goe(v));
                }
                case "mp" -> {
                    double ratio = number();
                    yield new Term(finish(Laws.marchenkoPastur(ratio)), MatrixModel.wishart(ratio));
                }
                case "dirac" -> quantiles(finish(Laws.dirac(number())));
                case "uniform" -> {
                    double a = number();
                    expect(",");
                    yield quantiles(finish(Laws.uniform(a, number())));
                }
                case "arcsine" -> {
                    double a = number();
                    expect(",");
                    yield quantiles(finish(Laws.arcsine(a, number())));
                }
                case "atoms" -> quantiles(atoms());
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

    private static Term quantiles(Measure law) {
        return new Term(law, MatrixModel.quantiles(law));
    }

    private Term function(String name) {
        int start = position;
        Term inner = expression();
        String argument = text.substring(start, position).strip();
        expect(",");
        double parameter = number();
        Measure law = finish(switch (name) {
            case "scale" -> Laws.scale(inner.law(), parameter);
            case "shift" -> Laws.shift(inner.law(), parameter);
            case "pow_plus" -> FreeConvolution.additivePower(inner.law(), parameter);
            default -> FreeConvolution.multiplicativePower(inner.law(), parameter);
        });
        String call = name + "(" + argument + ", " + Checks.format(parameter) + ")";
        MatrixModel model = switch (name) {
            case "scale" -> MatrixModel.affine(inner.model(), parameter, 0);
            case "shift" -> MatrixModel.affine(inner.model(), 1, parameter);
            case "pow_plus" -> MatrixModel.additivePower(inner.model(), parameter, call);
            default -> MatrixModel.multiplicativePower(inner.model(), parameter, call);
        };
        return new Term(law, model);
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
