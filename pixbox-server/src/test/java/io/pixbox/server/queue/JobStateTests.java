package io.pixbox.server.queue;

import static io.pixbox.server.queue.JobState.DEAD;
import static io.pixbox.server.queue.JobState.FAILED;
import static io.pixbox.server.queue.JobState.QUEUED;
import static io.pixbox.server.queue.JobState.RUNNING;
import static io.pixbox.server.queue.JobState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class JobStateTests {

    /** The life of a job as the design states it, written out independently of JobState's own table. */
    private static final Map<JobState, Set<JobState>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(RUNNING),
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, DEAD, QUEUED),
            SUCCEEDED, EnumSet.noneOf(JobState.class),
            FAILED, EnumSet.of(QUEUED),
            DEAD, EnumSet.of(QUEUED));

    static Stream<Arguments> allowedTransitions() {
        return transitions(true);
    }

    static Stream<Arguments> forbiddenTransitions() {
        return transitions(false);
    }

    private static Stream<Arguments> transitions(boolean allowed) {
        return Arrays.stream(JobState.values()).flatMap(from -> Arrays.stream(JobState.values())
                .filter(to -> ALLOWED.get(from).contains(to) == allowed)
                .map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("allowedTransitions")
    void allowsEachTransitionOfAJobsLife(JobState from, JobState to) {
        assertThat(from.canMoveTo(to)).isTrue();
        assertThatCode(() -> from.checkMoveTo(to)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} ↛ {1}")
    @MethodSource("forbiddenTransitions")
    void refusesEveryOtherTransitionNamingBothStates(JobState from, JobState to) {
        assertThat(from.canMoveTo(to)).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> from.checkMoveTo(to))
                .withMessage("a " + from.text() + " job cannot become " + to.text());
    }

    @ParameterizedTest
    @EnumSource(names = {"SUCCEEDED", "FAILED", "DEAD"})
    void succeededFailedAndDeadAreFinal(JobState state) {
        assertThat(state.isFinal()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"QUEUED", "RUNNING"})
    void queuedAndRunningAreNotFinal(JobState state) {
        assertThat(state.isFinal()).isFalse();
    }

    @ParameterizedTest
    @EnumSource
    void readsBackItsLowerCaseText(JobState state) {
        assertThat(state.text()).isLowerCase().isEqualTo(state.name().toLowerCase());
        assertThat(JobState.fromText(state.text())).isSameAs(state);
        assertThat(JobState.fromText(state.name())).isSameAs(state);
    }

    @Test
    void refusesAnUnknownStateText() {
        assertThatIllegalArgumentException().isThrownBy(() -> JobState.fromText("paused"));
    }
}
