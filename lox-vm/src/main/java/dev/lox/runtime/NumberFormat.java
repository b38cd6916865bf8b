package dev.lox.runtime;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats numbers exactly as glibc's {@code printf("%g", value)} does, because clox prints every
 * number that way and Lox output must match it byte for byte.
 *
 * <p>{@code %g} rounds the exact binary value to 6 significant digits (ties to even, since glibc
 * honours the default round-to-nearest mode on the exact value), then picks fixed notation when
 * the decimal exponent X of the rounded value satisfies -4 &lt;= X &lt; 6, and strips trailing zeros.
 * Most printed numbers are decided by cheap exact integer arithmetic; only the rare extreme
 * magnitudes fall back to {@link BigDecimal}.
 */
public final class NumberFormat {

    private static final int PRECISION = 6;
    private static final long MIN_DIGITS = 100_000L; // smallest 6-digit significand
    private static final long LIMIT_DIGITS = 1_000_000L; // 10^PRECISION

    private static final MathContext SIX_DIGITS = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

    private static final long SIGN_MASK = 0x8000_0000_0000_0000L;
    private static final long FRACTION_MASK = 0x000F_FFFF_FFFF_FFFFL;
    private static final long HIDDEN_BIT = 1L << 52;

    // Bounds of the exact long-arithmetic paths; outside them the BigDecimal path is used.
    // 2^63 keeps (long) conversion exact; 1e-20 keeps 5^k within a long and the
    // 128-bit product shift below 128 (see formatMedium).
    private static final double TWO_POW_63 = 0x1p63;
    private static final double MEDIUM_MIN = 1e-20;

    private static final long[] POW10 = new long[19];
    private static final long[] POW5 = new long[28];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
        POW5[0] = 1;
        for (int i = 1; i < POW5.length; i++) {
            POW5[i] = POW5[i - 1] * 5;
        }
    }

    private NumberFormat() {
    }

    /** Returns what glibc's {@code printf("%g", value)} prints for {@code value}. */
    public static String format(double value) {
        // Integral values below 10^6 have at most 6 digits, so %g prints them verbatim.
        int asInt = (int) value;
        if (asInt == value && asInt < LIMIT_DIGITS && asInt > -LIMIT_DIGITS) {
            if (asInt != 0) {
                return Integer.toString(asInt);
            }
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }

        long bits = Double.doubleToRawLongBits(value);
        boolean negative = bits < 0;
        if (value != value) {
            // glibc prints the NaN's sign bit; on x86-64 a runtime 0/0 has it set ("-nan").
            return negative ? "-nan" : "nan";
        }
        double magnitude = Math.abs(value);
        if (magnitude == Double.POSITIVE_INFINITY) {
            return negative ? "-inf" : "inf";
        }
        if (magnitude >= LIMIT_DIGITS && magnitude < TWO_POW_63) {
            return formatLarge(negative, magnitude);
        }
        if (magnitude >= MEDIUM_MIN && magnitude < LIMIT_DIGITS) {
            return formatMedium(negative, bits & ~SIGN_MASK);
        }
        return formatSlow(negative, magnitude);
    }

    /** 10^6 <= magnitude < 2^63: the integer part carries all digits that matter. */
    private static String formatLarge(boolean negative, double magnitude) {
        long integer = (long) magnitude;
        // A fraction exists only below 2^53; it can only break a tie, never move a digit.
        boolean hasFraction = integer != magnitude;
        int exponent = 6;
        while (exponent < 18 && integer >= POW10[exponent + 1]) {
            exponent++;
        }
        long divisor = POW10[exponent - (PRECISION - 1)];
        long digits = integer / divisor;
        long remainder = integer - digits * divisor;
        long half = divisor >> 1; // divisor >= 10, so this is exactly half
        if (remainder > half || (remainder == half && (hasFraction || (digits & 1) != 0))) {
            digits++;
            if (digits == LIMIT_DIGITS) {
                digits = MIN_DIGITS;
                exponent++;
            }
        }
        return layout(negative, digits, exponent);
    }

    /**
     * 1e-20 <= magnitude < 10^6, always a normal double m * 2^e. Scales by 10^k = 5^k * 2^k so
     * the significand product m * 5^k is an exact 128-bit integer (m < 2^53, 5^k < 2^63) and the
     * power of two becomes a right shift, whose dropped bits decide the rounding exactly.
     */
    private static String formatMedium(boolean negative, long bits) {
        int biasedExponent = (int) (bits >>> 52);
        long mantissa = (bits & FRACTION_MASK) | HIDDEN_BIT;
        int binaryExponent = biasedExponent - 1075;
        // floor(e2 * log10(2)) is X or X - 1 for values in [2^e2, 2^(e2+1)); the constant is
        // exact (checked exhaustively) for |e2| <= 1100, well beyond this path's [-67, 19].
        int exponent = ((biasedExponent - 1023) * 78913) >> 18;
        while (true) {
            int k = (PRECISION - 1) - exponent; // 0 <= k <= 26 here
            long pow5 = POW5[k];
            long hi = Math.multiplyHigh(mantissa, pow5);
            long lo = mantissa * pow5;
            // value * 10^k = (hi:lo) / 2^shift. shift >= 29 because m >= 2^52 and
            // value * 10^k < 10^7, and shift <= 119 because value >= 1e-20.
            int shift = -(binaryExponent + k);
            int s = shift - 1;
            long twice; // floor(2 * value * 10^k): low bit is the "half" bit
            boolean sticky; // any set bit below the half bit
            if (s < 64) {
                twice = (hi << (64 - s)) | (lo >>> s);
                sticky = (lo << (64 - s)) != 0;
            } else {
                twice = hi >>> (s - 64);
                sticky = lo != 0 || (s > 64 && (hi << (128 - s)) != 0);
            }
            long digits = twice >>> 1;
            if (digits >= LIMIT_DIGITS) {
                exponent++; // the estimate was one too low
                continue;
            }
            if ((twice & 1) != 0 && (sticky || (digits & 1) != 0)) {
                digits++;
                if (digits == LIMIT_DIGITS) {
                    digits = MIN_DIGITS;
                    exponent++;
                }
            }
            return layout(negative, digits, exponent);
        }
    }

    /** Subnormals, tiny and huge values: rare enough that exact BigDecimal rounding is fine. */
    private static String formatSlow(boolean negative, double magnitude) {
        BigDecimal rounded = new BigDecimal(magnitude).round(SIX_DIGITS);
        int precision = rounded.precision();
        long digits = rounded.unscaledValue().longValueExact() * POW10[PRECISION - precision];
        int exponent = precision - rounded.scale() - 1;
        return layout(negative, digits, exponent);
    }

    /**
     * Lays out a significand of exactly 6 digits (100000..999999) meaning
     * d.ddddd * 10^exponent, following %g's notation choice and zero stripping.
     */
    private static String layout(boolean negative, long digits, int exponent) {
        int count = PRECISION;
        while (digits % 10 == 0) {
            digits /= 10;
            count--;
        }
        char[] digitChars = new char[count];
        for (int i = count - 1; i >= 0; i--) {
            digitChars[i] = (char) ('0' + digits % 10);
            digits /= 10;
        }

        char[] out = new char[16];
        int len = 0;
        if (negative) {
            out[len++] = '-';
        }
        if (exponent >= -4 && exponent < PRECISION) {
            if (exponent >= 0) {
                int integerDigits = exponent + 1;
                for (int i = 0; i < integerDigits; i++) {
                    out[len++] = i < count ? digitChars[i] : '0';
                }
                if (count > integerDigits) {
                    out[len++] = '.';
                    for (int i = integerDigits; i < count; i++) {
                        out[len++] = digitChars[i];
                    }
                }
            } else {
                out[len++] = '0';
                out[len++] = '.';
                for (int i = -1; i > exponent; i--) {
                    out[len++] = '0';
                }
                for (int i = 0; i < count; i++) {
                    out[len++] = digitChars[i];
                }
            }
        } else {
            out[len++] = digitChars[0];
            if (count > 1) {
                out[len++] = '.';
                for (int i = 1; i < count; i++) {
                    out[len++] = digitChars[i];
                }
            }
            out[len++] = 'e';
            out[len++] = exponent < 0 ? '-' : '+';
            int abs = Math.abs(exponent);
            if (abs >= 100) {
                out[len++] = (char) ('0' + abs / 100);
            }
            out[len++] = (char) ('0' + abs / 10 % 10);
            out[len++] = (char) ('0' + abs % 10);
        }
        return new String(out, 0, len);
    }
}
