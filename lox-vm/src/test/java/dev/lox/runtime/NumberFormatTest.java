package dev.lox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every expected string here was printed by a C program with {@code printf("%g", d)} under glibc
 * 2.36 (gcc 12, x86-64), so the test pins clox's output without needing a C compiler at test time.
 *
 * <p>The table rows are {literal, IEEE bits from C's strtod(literal), printf output}; checking the
 * bits guards against Java and C parsing a literal differently. The resource
 * {@code printf-g-samples.txt} holds ~20,000 "bits output" lines from a seeded generator covering
 * random bit patterns, log-uniform magnitudes (with and without subnormals), short decimals,
 * integers and half-integers up to 2^63, exact and near decimal ties, powers of ten and two with
 * neighbouring ulps, random subnormals, and NaNs with random payloads and signs.
 */
class NumberFormatTest {

    private static final String SAMPLES = "printf-g-samples.txt";

    private static final String[][] GLIBC_CASES = {
            // Zero, negative zero and an underflowing literal
            {"0", "0000000000000000", "0"},
            {"-0", "8000000000000000", "-0"},
            {"1e-1000", "0000000000000000", "0"},
            // Small integers take the fast path and print verbatim
            {"1", "3ff0000000000000", "1"},
            {"7", "401c000000000000", "7"},
            {"10", "4024000000000000", "10"},
            {"42", "4045000000000000", "42"},
            {"100", "4059000000000000", "100"},
            {"-1", "bff0000000000000", "-1"},
            {"-42", "c045000000000000", "-42"},
            {"123456", "40fe240000000000", "123456"},
            {"-123456", "c0fe240000000000", "-123456"},
            {"999999", "412e847e00000000", "999999"},
            {"-999999", "c12e847e00000000", "-999999"},
            // Seven-digit integers switch to exponent form and round
            {"1000000", "412e848000000000", "1e+06"},
            {"-1000000", "c12e848000000000", "-1e+06"},
            {"1000001", "412e848200000000", "1e+06"},
            {"1000004", "412e848800000000", "1e+06"},
            {"1000005", "412e848a00000000", "1e+06"},
            {"1000006", "412e848c00000000", "1.00001e+06"},
            {"1000015", "412e849e00000000", "1.00002e+06"},
            {"1234567", "4132d68700000000", "1.23457e+06"},
            {"12345678", "41678c29c0000000", "1.23457e+07"},
            {"123456789", "419d6f3454000000", "1.23457e+08"},
            {"16777216", "4170000000000000", "1.67772e+07"},
            {"16777217", "4170000010000000", "1.67772e+07"},
            {"9999985", "416312ce20000000", "9.99998e+06"},
            {"9999994", "416312cf40000000", "9.99999e+06"},
            // Rounding up across a power of ten changes the exponent (and maybe the notation)
            {"999999.4", "412e847ecccccccd", "999999"},
            {"999999.5", "412e847f00000000", "1e+06"},
            {"-999999.5", "c12e847f00000000", "-1e+06"},
            {"999999.49999999994", "412e847effffffff", "999999"},
            {"999999.50000000006", "412e847f00000001", "1e+06"},
            {"999999.999", "412e847fff7ced91", "1e+06"},
            {"9999995", "416312cf60000000", "1e+07"},
            {"9999996", "416312cf80000000", "1e+07"},
            {"0.00009999995", "3f1a36e20f35445e", "0.0001"},
            {"0.000099999951", "3f1a36e2139b2abe", "0.0001"},
            {"0.000099999949", "3f1a36e20acf5dfe", "9.99999e-05"},
            {"9.999995e-5", "3f1a36e20f35445e", "0.0001"},
            {"-9.999995e-5", "bf1a36e20f35445e", "-0.0001"},
            {"9.9999949e-5", "3f1a36e20acf5dfe", "9.99999e-05"},
            {"9.999995e-21", "3bc79ca046803bfe", "1e-20"},
            {"9.9999949e-21", "3bc79ca0428a1d26", "9.99999e-21"},
            {"1.0000005e-20", "3bc79ca1d2a44849", "1e-20"},
            // Exact decimal ties at the 7th significant digit go to even, both directions
            {"1234565", "4132d68500000000", "1.23456e+06"},
            {"1234575", "4132d68f00000000", "1.23458e+06"},
            {"-1234565", "c132d68500000000", "-1.23456e+06"},
            {"-1234575", "c132d68f00000000", "-1.23458e+06"},
            {"1234566", "4132d68600000000", "1.23457e+06"},
            {"1234564", "4132d68400000000", "1.23456e+06"},
            {"123456.5", "40fe240800000000", "123456"},
            {"123457.5", "40fe241800000000", "123458"},
            {"-123456.5", "c0fe240800000000", "-123456"},
            {"123456.49999999999", "40fe2407ffffffff", "123456"},
            {"12345.75", "40c81ce000000000", "12345.8"},
            {"-12345.75", "c0c81ce000000000", "-12345.8"},
            {"12345.25", "40c81ca000000000", "12345.2"},
            {"1234.625", "40934a8000000000", "1234.62"},
            {"1234.375", "4093498000000000", "1234.38"},
            {"1234.875", "40934b8000000000", "1234.88"},
            {"1234.125", "4093488000000000", "1234.12"},
            {"0.1015625", "3fba000000000000", "0.101562"},
            {"-0.1015625", "bfba000000000000", "-0.101562"},
            {"0.001953125", "3f60000000000000", "0.00195312"},
            {"0.0009765625", "3f50000000000000", "0.000976562"},
            // Near-ties that are not exactly representable round by their true binary value
            {"1.0000005", "3ff000008637bd06", "1"},
            {"1.000005", "3ff000053e2d6239", "1.00001"},
            {"1.0000015", "3ff0000192a73711", "1"},
            {"12345.65", "40c81cd333333333", "12345.6"},
            {"12345.85", "40c81ceccccccccd", "12345.9"},
            {"0.1015675", "3fba0053e2d6238e", "0.101568"},
            {"0.0001234565", "3f202e83428c8ee7", "0.000123457"},
            {"-0.0001234565", "bf202e83428c8ee7", "-0.000123457"},
            {"0.000123455", "3f202e766003a0c9", "0.000123455"},
            // Binary fractions with 7+ digits are not ties at 6 digits
            {"8388608.5", "4160000010000000", "8.38861e+06"},
            {"1048576.5", "4130000080000000", "1.04858e+06"},
            {"1048575.5", "412fffff00000000", "1.04858e+06"},
            {"4503599627370496.5", "4330000000000000", "4.5036e+15"},
            {"9007199254740993", "4340000000000000", "9.0072e+15"},
            // Short fractions print without trailing zeros
            {"0.5", "3fe0000000000000", "0.5"},
            {"2.5", "4004000000000000", "2.5"},
            {"-2.5", "c004000000000000", "-2.5"},
            {"1.5", "3ff8000000000000", "1.5"},
            {"0.25", "3fd0000000000000", "0.25"},
            {"0.125", "3fc0000000000000", "0.125"},
            {"0.0625", "3fb0000000000000", "0.0625"},
            {"0.03125", "3fa0000000000000", "0.03125"},
            {"0.015625", "3f90000000000000", "0.015625"},
            {"0.0078125", "3f80000000000000", "0.0078125"},
            {"0.00390625", "3f70000000000000", "0.00390625"},
            {"100.5", "4059200000000000", "100.5"},
            {"0.1", "3fb999999999999a", "0.1"},
            {"0.2", "3fc999999999999a", "0.2"},
            {"0.3", "3fd3333333333333", "0.3"},
            {"0.30000000000000004", "3fd3333333333334", "0.3"},
            {"0.7", "3fe6666666666666", "0.7"},
            {"1.1", "3ff199999999999a", "1.1"},
            {"3.14159265358979", "400921fb54442d11", "3.14159"},
            {"2.718281828459045", "4005bf0a8b145769", "2.71828"},
            {"0x1.0000000000001p0", "3ff0000000000001", "1"},
            // Fixed/exponent boundary at X = -4 and X = 6
            {"1e-4", "3f1a36e2eb1c432d", "0.0001"},
            {"0.0001", "3f1a36e2eb1c432d", "0.0001"},
            {"1e-5", "3ee4f8b588e368f1", "1e-05"},
            {"0.00001", "3ee4f8b588e368f1", "1e-05"},
            {"-1e-5", "bee4f8b588e368f1", "-1e-05"},
            {"0.00012345", "3f202e4b6ce5dc68", "0.00012345"},
            {"0.000123456", "3f202e7ef70994dd", "0.000123456"},
            {"0.000099999", "3f1a36d1bd105b06", "9.9999e-05"},
            {"9.99999e-5", "3f1a36e1334e458f", "9.99999e-05"},
            {"1.23456e-5", "3ee9e3fe580f5494", "1.23456e-05"},
            {"0.001", "3f50624dd2f1a9fc", "0.001"},
            {"0.01", "3f847ae147ae147b", "0.01"},
            {"1e6", "412e848000000000", "1e+06"},
            {"1e7", "416312d000000000", "1e+07"},
            // Large values, including around 2^53 and 2^63
            {"1e15", "430c6bf526340000", "1e+15"},
            {"1e16", "4341c37937e08000", "1e+16"},
            {"1e17", "4376345785d8a000", "1e+17"},
            {"1e21", "444b1ae4d6e2ef50", "1e+21"},
            {"1e22", "4480f0cf064dd592", "1e+22"},
            {"1e23", "44b52d02c7e14af6", "1e+23"},
            {"0x1.fffffffffffffp62", "43dfffffffffffff", "9.22337e+18"},
            {"9223372036854774784", "43dfffffffffffff", "9.22337e+18"},
            {"0x1p63", "43e0000000000000", "9.22337e+18"},
            {"9223372036854775807", "43e0000000000000", "9.22337e+18"},
            {"18446744073709551616", "43f0000000000000", "1.84467e+19"},
            {"6.02214076e23", "44dfe185ca57c517", "6.02214e+23"},
            {"1e100", "54b249ad2594c37d", "1e+100"},
            {"-1e100", "d4b249ad2594c37d", "-1e+100"},
            // Tiny values, including the 1e-20 boundary of the 128-bit path
            {"1e-20", "3bc79ca10c924223", "1e-20"},
            {"9.99999e-21", "3bc79c9f806e35d8", "9.99999e-21"},
            {"1e-21", "3b92e3b40a0e9b4f", "1e-21"},
            {"1e-22", "3b5e392010175ee6", "1e-22"},
            {"0x1p-67", "3bc0000000000000", "6.77626e-21"},
            {"0x1p-66", "3bd0000000000000", "1.35525e-20"},
            {"6.62607015e-34", "390b860bde023111", "6.62607e-34"},
            {"1e-100", "2b2bff2ee48e0530", "1e-100"},
            {"1e-300", "01a56e1fc2f8f359", "1e-300"},
            // Extremes: DBL_MAX, DBL_MIN, largest subnormal, smallest subnormals
            {"1e308", "7fe1ccf385ebc8a0", "1e+308"},
            {"-1e308", "ffe1ccf385ebc8a0", "-1e+308"},
            {"1.7976931348623157e308", "7fefffffffffffff", "1.79769e+308"},
            {"-1.7976931348623157e308", "ffefffffffffffff", "-1.79769e+308"},
            {"0x1.fffffffffffffp1023", "7fefffffffffffff", "1.79769e+308"},
            {"2.2250738585072014e-308", "0010000000000000", "2.22507e-308"},
            {"-2.2250738585072014e-308", "8010000000000000", "-2.22507e-308"},
            {"2.2250738585072009e-308", "000fffffffffffff", "2.22507e-308"},
            {"1e-320", "00000000000007e8", "9.99989e-321"},
            {"4.9406564584124654e-324", "0000000000000001", "4.94066e-324"},
            {"-4.9406564584124654e-324", "8000000000000001", "-4.94066e-324"},
            {"0x1p-1074", "0000000000000001", "4.94066e-324"},
            {"9.8813129168249309e-324", "0000000000000002", "9.88131e-324"},
    };

    static Stream<Arguments> glibcCases() {
        return Stream.of(GLIBC_CASES).map(row -> Arguments.of(row[0], row[1], row[2]));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("glibcCases")
    void matchesGlibc(String literal, String hexBits, String expected) {
        double value = Double.parseDouble(literal);
        assertEquals(hexBits, String.format("%016x", Double.doubleToRawLongBits(value)),
                "Java parses " + literal + " differently from strtod");
        assertEquals(expected, NumberFormat.format(value));
    }

    @Test
    void negatedCasesMirrorPositiveOnes() {
        // printf's output for -x is "-" + output for x, for every finite x including ties.
        for (String[] row : GLIBC_CASES) {
            double value = Double.parseDouble(row[0]);
            String expected = row[2].startsWith("-") ? row[2].substring(1) : "-" + row[2];
            assertEquals(expected, NumberFormat.format(-value), "-(" + row[0] + ")");
        }
    }

    @Test
    void infinities() {
        assertEquals("inf", NumberFormat.format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", NumberFormat.format(Double.NEGATIVE_INFINITY));
        assertEquals("inf", NumberFormat.format(Double.longBitsToDouble(0x7ff0000000000000L)));
        assertEquals("-inf", NumberFormat.format(Double.longBitsToDouble(0xfff0000000000000L)));
    }

    @Test
    void nanFollowsItsSignBitLikeGlibc() {
        // glibc prints "-nan" whenever the sign bit is set, whatever the payload. On x86-64 a
        // runtime 0.0/0.0 yields 0xfff8000000000000 (so clox prints "-nan") and -(0.0/0.0) yields
        // 0x7ff8000000000000 ("nan"); Java's Double.NaN constant is the positive one.
        assertEquals("-nan", NumberFormat.format(Double.longBitsToDouble(0xfff8000000000000L)));
        assertEquals("nan", NumberFormat.format(Double.longBitsToDouble(0x7ff8000000000000L)));
        assertEquals("nan", NumberFormat.format(Double.NaN));
        assertEquals("-nan", NumberFormat.format(Double.longBitsToDouble(0xfff512b528e1777eL)));
        assertEquals("nan", NumberFormat.format(Double.longBitsToDouble(0x7ffc9829de84409eL)));
        assertEquals("nan", NumberFormat.format(Double.longBitsToDouble(0x7ff0000000000001L)));
        assertEquals("-nan", NumberFormat.format(Double.longBitsToDouble(0xffffffffffffffffL)));
    }

    @Test
    void runtimeNanMatchesItsOwnSignBit() {
        // Whatever NaN this JVM and CPU produce at run time, the spelling tracks its sign bit,
        // which is what clox compiled for the same CPU would print.
        double zero = zero();
        double nan = zero / zero;
        String expected = Double.doubleToRawLongBits(nan) < 0 ? "-nan" : "nan";
        assertEquals(expected, NumberFormat.format(nan));
    }

    private static double zero() {
        return Double.parseDouble("0");
    }

    @Test
    void everyIntegerNearTheFastPathBoundaryMatchesTheGeneralRule() {
        // Integers below 10^6 print verbatim; 10^6 and above use exponent form with rounding.
        assertEquals("999998", NumberFormat.format(999_998));
        assertEquals("-999998", NumberFormat.format(-999_998));
        assertEquals("1e+06", NumberFormat.format(1_000_000));
        assertEquals("1e+06", NumberFormat.format(1_000_004));
        assertEquals("1.00001e+06", NumberFormat.format(1_000_006));
        assertEquals("2.14748e+09", NumberFormat.format(Integer.MAX_VALUE));
        assertEquals("-2.14748e+09", NumberFormat.format(Integer.MIN_VALUE));
        for (int i = -999_999; i <= 999_999; i += 997) {
            assertEquals(Integer.toString(i), NumberFormat.format(i));
        }
    }

    @Test
    void matchesGlibcOnGeneratedSamples() throws IOException {
        List<String> failures = new ArrayList<>();
        int count = 0;
        try (InputStream in = NumberFormatTest.class.getResourceAsStream(SAMPLES)) {
            assertNotNull(in, SAMPLES + " missing");
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                int space = line.indexOf(' ');
                long bits = Long.parseUnsignedLong(line.substring(0, space), 16);
                String expected = line.substring(space + 1);
                String actual = NumberFormat.format(Double.longBitsToDouble(bits));
                count++;
                if (!expected.equals(actual)) {
                    failures.add(line + " but got " + actual);
                }
            }
        }
        assertTrue(count > 15_000, "only " + count + " samples read");
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + count + " samples differ, e.g.\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    @Test
    void isAFinalUtilityClass() throws ReflectiveOperationException {
        assertTrue(Modifier.isFinal(NumberFormat.class.getModifiers()));
        Constructor<?>[] constructors = NumberFormat.class.getDeclaredConstructors();
        assertEquals(1, constructors.length);
        assertTrue(Modifier.isPrivate(constructors[0].getModifiers()));
    }
}
