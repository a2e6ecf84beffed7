package io.pixbox.imaging.format;

import static io.pixbox.imaging.format.TestImages.ascii;
import static io.pixbox.imaging.format.TestImages.concat;
import static io.pixbox.imaging.format.TestImages.ftyp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixbox.imaging.ImagingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which formats the sniffer accepts from magic bytes, and how it names what it refuses. */
class FormatSnifferTests {

    private static final String SUPPORTED = "supported formats are JPEG, PNG, WebP, AVIF and GIF";

    @Test
    void sniffsEverySupportedFormatFromItsMagicBytes() {
        assertThat(FormatSniffer.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0))).contains(ImageFormat.JPEG);
        assertThat(FormatSniffer.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).contains(ImageFormat.PNG);
        assertThat(FormatSniffer.sniff(ascii("GIF87a"))).contains(ImageFormat.GIF);
        assertThat(FormatSniffer.sniff(ascii("GIF89a"))).contains(ImageFormat.GIF);
        assertThat(FormatSniffer.sniff(ascii("RIFF\0\0\0\0WEBPVP8 "))).contains(ImageFormat.WEBP);
        assertThat(FormatSniffer.sniff(ftyp("avif", "mif1"))).contains(ImageFormat.AVIF);
        assertThat(FormatSniffer.sniff(ftyp("avis", "msf1"))).contains(ImageFormat.AVIF);
    }

    @Test
    void sniffsAvifFromACompatibleBrandWhenTheMajorBrandIsGenericHeif() {
        assertThat(FormatSniffer.sniff(ftyp("mif1", "miaf", "avif"))).contains(ImageFormat.AVIF);
    }

    @Test
    void ignoresBrandsListedPastTheEndOfTheFtypBox() {
        // given an ftyp box of 20 bytes, followed by bytes that happen to read "avif"
        byte[] head = concat(TestImages.u32be(20), ascii("ftypmif1"), new byte[4], ascii("heicavif"));

        // then only the brands inside the box count
        assertThat(FormatSniffer.sniff(head)).isEmpty();
        assertThatThrownBy(() -> FormatSniffer.sniffSupported(head)).hasMessageContaining("looks like HEIC");
    }

    @Test
    void needsTheWholeMagicNumber() {
        assertThat(FormatSniffer.sniff(bytes(0xFF, 0xD8))).isEmpty();
        assertThat(FormatSniffer.sniff(ascii("GIF8"))).isEmpty();
        assertThat(FormatSniffer.sniff(ascii("RIFF\0\0\0\0WEB"))).isEmpty();
        assertThat(FormatSniffer.sniff(new byte[0])).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SVG                 | <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>      | looks like SVG
            SVG with XXE        | <?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg>&xxe;</svg> | looks like SVG
            SVG after a comment | <?xml version="1.0"?>\\n<!-- Inkscape -->\\n<SVG version="1.1">         | looks like SVG
            HTML                | <!DOCTYPE html><html><body><img src=x></body></html>                  | looks like HTML
            XML                 | <?xml version="1.0" encoding="UTF-8"?><feed/>                         | looks like XML
            plain text          | just some notes, not a photo\\nsecond line ✓                           | looks like plain text
            PDF                 | %PDF-1.7\\n%âãÏÓ                                                      | looks like PDF
            """)
    void namesTextAndDocumentsItRefuses(String what, String content, String expected) {
        // given content whose escaped newlines are real ones
        byte[] head = content.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);

        // then it is refused with a message naming what it looks like and what is allowed
        assertThat(FormatSniffer.sniff(head)).isEmpty();
        assertThatThrownBy(() -> FormatSniffer.sniffSupported(head))
                .isInstanceOf(ImagingException.UnsupportedFormat.class)
                .hasMessage("not a supported image: " + expected + "; " + SUPPORTED);
    }

    @Test
    void namesSvgBehindAByteOrderMarkAndWhiteSpace() {
        byte[] head = concat(bytes(0xEF, 0xBB, 0xBF), ascii("\n  <svg/>"));

        assertThatThrownBy(() -> FormatSniffer.sniffSupported(head)).hasMessageContaining("looks like SVG");
    }

    @Test
    void namesBinaryFormatsItRefuses() {
        assertThat(refusal(bytes('I', 'I', 42, 0, 8, 0, 0, 0))).contains("looks like TIFF");
        assertThat(refusal(bytes('M', 'M', 0, 42, 0, 0, 0, 8))).contains("looks like TIFF");
        assertThat(refusal(concat(ascii("BM"), new byte[12], bytes(40, 0, 0, 0)))).contains("looks like BMP");
        assertThat(refusal(bytes('P', 'K', 3, 4, 20, 0))).contains("looks like a ZIP archive");
        assertThat(refusal(ftyp("heic", "mif1", "heic"))).contains("looks like HEIC");
        assertThat(refusal(ftyp("mif1", "miaf"))).contains("looks like HEIC");
        assertThat(refusal(ftyp("isom", "mp41"))).contains("MP4");
        assertThat(refusal(ascii("RIFF\0\0\0\0WAVEfmt "))).contains("not WebP");
    }

    @Test
    void saysWhenTheInputIsEmpty() {
        assertThat(refusal(new byte[0])).isEqualTo("not a supported image: the file is empty; " + SUPPORTED);
    }

    @Test
    void saysWhenItDoesNotRecogniseTheContent() {
        byte[] noise = bytes(0x00, 0x13, 0x37, 0xC0, 0xFE, 0x01, 0x02);

        assertThat(refusal(noise)).isEqualTo("not a supported image (unrecognised content); " + SUPPORTED);
    }

    @Test
    void treatsBytesThatAreNotUtf8AsUnrecognisedRatherThanText() {
        assertThat(refusal(bytes('a', 'b', 0xC3, 0x28, 'c'))).startsWith("not a supported image (unrecognised");
    }

    @Test
    void acceptsAUtf8CharacterCutInTwoByTheEndOfTheHead() {
        assertThat(refusal(bytes('h', 'i', ' ', 0xE2, 0x9C))).contains("looks like plain text");
    }

    private static String refusal(byte[] head) {
        assertThat(FormatSniffer.sniff(head)).isEmpty();
        try {
            FormatSniffer.sniffSupported(head);
        } catch (ImagingException.UnsupportedFormat e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + Arrays.toString(head));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
