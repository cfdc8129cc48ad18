package com.devicecreds.reporting.lists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.devicecreds.reporting.devices.DeviceIdNotation;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads an operator's authorized list part: a CSV (one device ID per line, first column, UTF-8) or
 * the first sheet of an XLSX workbook (column A). Safe against hostile files: the upload is size
 * limited before it is parsed, rows are limited, XLSX goes through POI's streaming SAX reader whose
 * XML parser refuses document type declarations (so no entity expansion and no external entity),
 * and POI's zip guard refuses entries that inflate more than 100-fold (zip bombs). Every row is
 * normalized with {@link DeviceIdNotation} for the type's kind; rows that are not such an ID are
 * reported with their line number. A first row that is no ID but names a column is a header.
 */
public final class ListPartParser {

    static final int PROBLEMS_SHOWN = 100;
    private static final Pattern SEPARATOR = Pattern.compile("[,;\\t]");
    /** Column names a first row may have ("Device ID", "mac", "serial number", ...). */
    private static final Pattern HEADER = Pattern.compile(
            "(device[ _-]?id|id|mac|mac[ _-]?address|serial|serial[ _-]?number|soc[ _-]?id|(certificate[ _-]?)?fingerprint)");

    private final Pattern kindPattern;
    private final String kindName;
    private final ListPartLimits limits;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();
    private final List<RowProblem> problems = new ArrayList<>();
    private int problemCount;
    private int rows;
    private int duplicates;
    private boolean headerSeen;

    private ListPartParser(Pattern kindPattern, String kindName, ListPartLimits limits) {
        this.kindPattern = kindPattern;
        this.kindName = kindName;
        this.limits = limits;
    }

    /** Parses the file by its name's extension ({@code .csv}, {@code .txt} or {@code .xlsx}). */
    public static ParsedPart parse(String fileName, Path file, Pattern kindPattern, String kindName, ListPartLimits limits) {
        var parser = new ListPartParser(kindPattern, kindName, limits);
        try {
            if (Files.size(file) > limits.maxBytes()) {
                throw tooLarge(limits);
            }
            String lower = fileName.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".xlsx")) {
                parser.readXlsx(file);
            } else if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
                parser.readCsv(file);
            } else {
                throw new ListFileRefusedException("'" + fileName + "' is neither a CSV (.csv, .txt) nor an Excel workbook (.xlsx).");
            }
        } catch (IOException e) {
            throw new ListFileRefusedException("The file could not be read: " + e.getMessage(), e);
        }
        return new ParsedPart(List.copyOf(parser.ids), parser.rows, parser.duplicates, List.copyOf(parser.problems),
                parser.problemCount);
    }

    static ListFileRefusedException tooLarge(ListPartLimits limits) {
        return new ListFileRefusedException("The file is larger than " + limits.maxBytes() / (1024 * 1024)
                + " MB; send the list in smaller parts.");
    }

    private void readCsv(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (var reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String first = SEPARATOR.split(line, 2)[0].strip();
                if (first.length() >= 2 && first.startsWith("\"") && first.endsWith("\"")) {
                    first = first.substring(1, first.length() - 1).strip();
                }
                accept(number, first);
            }
        } catch (CharacterCodingException e) {
            throw new ListFileRefusedException("The CSV is not UTF-8 text; save it as \"CSV UTF-8\".", e);
        }
    }

    private void readXlsx(Path file) {
        try (var pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            var reader = new XSSFReader(pkg);
            var strings = new ReadOnlySharedStringsTable(pkg, false);
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ListFileRefusedException("The workbook has no sheet.");
            }
            try (InputStream sheet = sheets.next()) {
                var xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, new FirstColumn(),
                        new DataFormatter(Locale.ROOT), false));
                xml.parse(new InputSource(sheet));
            }
        } catch (ListFileRefusedException e) {
            throw e;
        } catch (SAXException e) {
            if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
                throw new ListFileRefusedException("The workbook contains a document type declaration (DOCTYPE), which "
                        + "spreadsheet programs never write and which can be used to read files of the server; refused.", e);
            }
            throw new ListFileRefusedException("The workbook's sheet is not well-formed XML: " + e.getMessage(), e);
        } catch (Exception e) {
            if (mentions(e, "Zip bomb")) {
                throw new ListFileRefusedException("The workbook inflates to far more than its size (a zip bomb?); refused.", e);
            }
            if (mentions(e, "DOCTYPE")) {
                throw new ListFileRefusedException("The workbook contains a document type declaration (DOCTYPE), which "
                        + "spreadsheet programs never write and which can be used to read files of the server; refused.", e);
            }
            throw new ListFileRefusedException("The file is not a readable Excel workbook (.xlsx): " + e.getMessage(), e);
        }
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private void accept(int line, String value) {
        if (value.isEmpty()) {
            return;
        }
        if (rows == 0 && !headerSeen && HEADER.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
            headerSeen = true;
            return;
        }
        var id = value.length() <= DeviceIdNotation.MAX_LENGTH ? DeviceIdNotation.normalize(value, kindPattern)
                : java.util.Optional.<String>empty();
        rows++;
        if (rows > limits.maxRows()) {
            throw new ListFileRefusedException("The file has more than " + limits.maxRows()
                    + " rows; send the list in smaller parts.");
        }
        if (id.isEmpty()) {
            problemCount++;
            if (problems.size() < PROBLEMS_SHOWN) {
                String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
                problems.add(new RowProblem(line, shown, "not a " + kindName));
            }
        } else if (!ids.add(id.get())) {
            duplicates++;
        }
    }

    /** Column A of each row, with the sheet's row number (1-based) for messages. */
    private final class FirstColumn implements XSSFSheetXMLHandler.SheetContentsHandler {

        private int row;

        @Override
        public void startRow(int rowNum) {
            row = rowNum + 1;
        }

        @Override
        public void endRow(int rowNum) {
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            if (cellReference != null && cellReference.matches("A\\d+")) {
                accept(row, formattedValue == null ? "" : formattedValue.strip());
            }
        }
    }
}
