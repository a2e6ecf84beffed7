package io.pixbox.imaging.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixbox.imaging.ImagingException.EngineUnavailable;
import java.lang.foreign.Arena;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VipsBindingTests {

    private final Vips vips = Vips.get();

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource({
        "access, sequential, " + Vips.ACCESS_SEQUENTIAL,
        "fail_on, warning, " + Vips.FAIL_ON_WARNING,
        "size, force, " + Vips.SIZE_FORCE,
        "interesting, centre, " + Vips.INTERESTING_CENTRE,
        "interesting, attention, " + Vips.INTERESTING_ATTENTION,
        "interpretation, b-w, " + Vips.INTERPRETATION_B_W,
        "interpretation, srgb, " + Vips.INTERPRETATION_SRGB,
        "band_format, uchar, " + Vips.FORMAT_UCHAR,
        "direction, horizontal, " + Vips.DIRECTION_HORIZONTAL,
        "direction, vertical, " + Vips.DIRECTION_VERTICAL,
        "foreign_heif_compression, av1, " + Vips.HEIF_COMPRESSION_AV1,
        "angle, d90, 1",
        "angle, d180, 2",
        "angle, d270, 3",
    })
    void theEnumValuesWeHardCodeAreTheOnesLibvipsUses(String type, String nick, int value) {
        long gtype = vips.callLong("vips_" + type + "_get_type");

        try (Arena arena = Arena.ofConfined()) {
            int actual = vips.callInt("vips_enum_from_nick", arena.allocateFrom("test"), gtype, arena.allocateFrom(nick));
            assertThat(actual).isEqualTo(value);
        }
    }

    @Test
    void aLibraryThatWillNotLoadSaysWhyAndHowToInstallIt() {
        assertThatThrownBy(() -> Vips.load(List.of("libvips-not-here.so.42")))
                .isInstanceOf(EngineUnavailable.class)
                .hasMessageStartingWith("libvips could not be loaded (")
                .hasMessageContaining("libvips-not-here.so.42")
                .hasMessageContaining("apt-get install libvips42")
                .hasMessageContaining("brew install vips");
    }
}
