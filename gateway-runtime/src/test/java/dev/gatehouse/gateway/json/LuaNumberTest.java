package dev.gatehouse.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Numbers as LuaJIT's {@code tostring} prints them: C's {@code %.14g} ({@code STRFMT_G14}, LuaJIT
 * {@code src/lj_strfmt.h}). The expected strings are what {@code printf("%.14g")} prints for each value.
 */
class LuaNumberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "5.0, 5",
        "-7, -7",
        "0.1, 0.1",
        "0.30000000000000004, 0.3",
        "0.3333333333333333, 0.33333333333333",
        "3.14159265358979, 3.1415926535898",
        "-2.5, -2.5",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "99999999999999, 99999999999999",
        "100000000000000, 1e+14",
        "999999999999999, 1e+15",
        "1e15, 1e+15",
        "123456789012345678, 1.2345678901235e+17",
        "9007199254740992, 9.007199254741e+15",
        "1e20, 1e+20",
        "1e100, 1e+100",
        "-1e-300, -1e-300",
        "5e-324, 4.9406564584125e-324",
        "-0.0, -0",
        "0, 0",
    })
    void printsLikePercentPoint14G(double value, String lua) {
        assertThat(LuaNumber.format(value)).isEqualTo(lua);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Infinity, inf", "-Infinity, -inf", "NaN, nan"})
    void nonFiniteValuesAsLuaJitSpellsThem(double value, String lua) {
        assertThat(LuaNumber.format(value)).isEqualTo(lua);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"5, 5", "1234567890123456789, 1.2345678901235e+18"})
    void jsonIntegersAreLuaNumbersToo(long value, String lua) {
        assertThat(LuaNumber.format(LongNode.valueOf(value))).isEqualTo(lua);
        assertThat(LuaNumber.format(DoubleNode.valueOf(value))).isEqualTo(lua);
    }
}
