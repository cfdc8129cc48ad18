package com.devicecreds.reporting.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListPartParserTest {

    private static final Pattern MAC = Pattern.compile("^[0-9A-F]{12}$");

    @TempDir
    Path dir;

    @Test
    void a_csv_with_a_header_any_mac_notation_and_repeated_ids_gives_the_normalized_distinct_ids() throws IOException {
        var part = parse("part.csv", csv("\uFEFFDevice ID;model\naa:bb:cc:dd:ee:01;x\n\"AA-BB-CC-DD-EE-02\"\n\naabb.ccdd.ee01\n"),
                ListPartLimits.DEFAULT);

        assertThat(part.deviceIds()).containsExactly("AABBCCDDEE01", "AABBCCDDEE02");
        assertThat(part.rows()).isEqualTo(3);
        assertThat(part.duplicates()).isEqualTo(1);
        assertThat(part.problems()).isEmpty();
    }

    @Test
    void a_csv_with_bad_rows_reports_each_with_its_line_number() throws IOException {
        var part = parse("part.csv", csv("aa:bb:cc:dd:ee:01\nnot-a-mac\naa:bb:cc:dd:ee:02\n=cmd|'/c calc'!A0\n"),
                ListPartLimits.DEFAULT);

        assertThat(part.problemCount()).isEqualTo(2);
        assertThat(part.problems()).containsExactly(new RowProblem(2, "not-a-mac", "not a MAC address"),
                new RowProblem(4, "=cmd|'/c calc'!A0", "not a MAC address"));
    }

    @Test
    void an_xlsx_is_read_from_column_a_of_its_first_sheet_with_sheet_row_numbers() throws IOException {
        var part = parse("part.xlsx", xlsx("Device ID", "0c:4f:5a:00:00:01", "0C4F5A000002", "bogus"), ListPartLimits.DEFAULT);

        assertThat(part.deviceIds()).containsExactly("0C4F5A000001", "0C4F5A000002");
        assertThat(part.problems()).containsExactly(new RowProblem(4, "bogus", "not a MAC address"));
    }

    @Test
    void an_xlsx_with_a_doctype_and_an_external_entity_is_refused() throws IOException {
        byte[] book = xlsx("0C4F5A000001");
        byte[] hostile = replaceEntry(book, "xl/worksheets/sheet1.xml", ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                <row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>""")
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> parse("part.xlsx", hostile, ListPartLimits.DEFAULT))
                .isInstanceOf(ListFileRefusedException.class).hasMessageContaining("document type declaration (DOCTYPE)");
    }

    @Test
    void an_xlsx_that_inflates_a_thousandfold_is_refused_as_a_zip_bomb() throws IOException {
        var sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        sheet.append(" ".repeat(30 * 1024 * 1024)).append("</sheetData></worksheet>");
        byte[] bomb = replaceEntry(xlsx("0C4F5A000001"), "xl/worksheets/sheet1.xml", sheet.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(200_000);

        assertThatThrownBy(() -> parse("part.xlsx", bomb, ListPartLimits.DEFAULT))
                .isInstanceOf(ListFileRefusedException.class).hasMessageContaining("zip bomb");
    }

    @Test
    void files_beyond_the_size_or_row_limit_and_files_of_other_kinds_are_refused() {
        byte[] rows = csv("0C4F5A000001\n0C4F5A000002\n0C4F5A000003\n");
        assertThatThrownBy(() -> parse("part.csv", rows, new ListPartLimits(20, 100)))
                .isInstanceOf(ListFileRefusedException.class).hasMessageContaining("larger than");
        assertThatThrownBy(() -> parse("part.csv", rows, new ListPartLimits(1000, 2)))
                .isInstanceOf(ListFileRefusedException.class).hasMessageContaining("more than 2 rows");
        assertThatThrownBy(() -> parse("part.pdf", rows, ListPartLimits.DEFAULT))
                .isInstanceOf(ListFileRefusedException.class).hasMessageContaining("neither a CSV");
        assertThatThrownBy(() -> parse("part.xlsx", rows, ListPartLimits.DEFAULT))
                .isInstanceOf(ListFileRefusedException.class).hasMessageContaining("not a readable Excel workbook");
        assertThatThrownBy(() -> parse("part.csv", new byte[] {(byte) 0xC3, 0x28, '\n'}, ListPartLimits.DEFAULT))
                .isInstanceOf(ListFileRefusedException.class).hasMessageContaining("not UTF-8");
    }

    private ParsedPart parse(String name, byte[] content, ListPartLimits limits) throws IOException {
        Path file = Files.write(dir.resolve("upload-" + System.nanoTime()), content);
        return ListPartParser.parse(name, file, MAC, "MAC address", limits);
    }

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xlsx(String... columnA) throws IOException {
        try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet("List");
            for (int i = 0; i < columnA.length; i++) {
                sheet.createRow(i).createCell(0).setCellValue(columnA[i]);
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    static byte[] replaceEntry(byte[] zip, String name, byte[] content) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip)); var z = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(e.getName().equals(name) ? content : in.readAllBytes());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

}
