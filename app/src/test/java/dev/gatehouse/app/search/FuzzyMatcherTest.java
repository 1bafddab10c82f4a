package dev.gatehouse.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FuzzyMatcherTest {

    @Test
    void emptyQueryMatchesEverything() {
        assertThat(FuzzyMatcher.score("", "Routes")).isZero();
        assertThat(FuzzyMatcher.score("   ", "Routes")).isZero();
    }

    @Test
    void charactersMustAppearInOrder() {
        assertThat(FuzzyMatcher.score("pol", "Policies")).isPositive();
        assertThat(FuzzyMatcher.score("lop", "Policies")).isEqualTo(FuzzyMatcher.NO_MATCH);
        assertThat(FuzzyMatcher.score("xyz", "Services")).isEqualTo(FuzzyMatcher.NO_MATCH);
    }

    @Test
    void caseIsIgnored() {
        assertThat(FuzzyMatcher.score("ROUTE", "routes")).isPositive();
    }

    @Test
    void contiguousBeatsScattered() {
        assertThat(FuzzyMatcher.score("pol", "Policies")).isGreaterThan(FuzzyMatcher.score("pol", "Topology"));
    }

    @Test
    void wordStartBeatsMiddleOfWord() {
        assertThat(FuzzyMatcher.score("planes", "Data planes"))
                .isGreaterThan(FuzzyMatcher.score("planes", "Dataplanes"));
    }

    @Test
    void acronymStyleQueriesMatchWordStarts() {
        assertThat(FuzzyMatcher.score("dp", "Data planes")).isGreaterThan(FuzzyMatcher.score("dp", "Deep"));
    }

    @Test
    void pathFragmentsMatchInsideLongerText() {
        assertThat(FuzzyMatcher.score("/v1/ord", "route-1234 /api/v1/orders")).isPositive();
    }

    @Test
    void theWholeTextBeatsALongerOneThatStartsWithIt() {
        assertThat(FuzzyMatcher.score("redis", "redis")).isGreaterThan(FuzzyMatcher.score("redis", "redis-1"));
    }
}
