package com.devicecreds.reporting.export;

import java.util.Date;
import java.util.Optional;

import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * How a report prints and what it says about itself (decision 028): A4, one page wide (upright when
 * the table fits a portrait page, else landscape), the header row on every page, the report's
 * name, operator and period in the page header, generation time, sheet and page number in the
 * footer; a chart sheet on one landscape page. The workbook's document properties say the same.
 */
final class PrintLayout {

    /** Printable width of an upright A4 page between half-inch margins, at 96 pixels per inch. */
    private static final double PORTRAIT_PX = (210 - 25.4) / 25.4 * 96;
    /** Pixels of one character of column width: Excel's 7 for its default font, and a little room. */
    private static final double PX_PER_CHAR = 7.5;
    /** Fewer rows than a page holds even at full size, upright or landscape. */
    private static final int ROWS_PER_PAGE_AT_MOST = 10;
    /** Excel refuses a header or footer section much longer than this. */
    private static final int MAX_SECTION = 80;

    private PrintLayout() {
    }

    static void properties(SXSSFWorkbook workbook, ReportHeading heading) {
        var core = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
        core.setTitle(heading.title() + " · " + heading.operator());
        core.setSubjectProperty(heading.describe());
        core.setDescription(heading.generated());
        core.setCreator(ReportHeading.AUTHOR);
        core.setLastModifiedByUser(ReportHeading.AUTHOR);
        core.setCreated(Optional.of(Date.from(heading.generatedAt())));
    }

    /**
     * A data sheet of {@code widthChars} characters of columns and {@code rows} rows: one page wide, as
     * many pages down as its rows need, its header row on every page. "Fit to one page wide and any
     * number tall" makes LibreOffice add a blank page after some tables when the header row repeats,
     * so the height is a number of pages the rows cannot need ({@value #ROWS_PER_PAGE_AT_MOST} rows
     * on a page): the width decides the scale, and nothing pads the pages. A scale computed from the
     * column widths alone would not do: the application's font decides how wide a column prints.
     */
    static void dataSheet(Sheet sheet, ReportHeading heading, int widthChars, int rows) {
        page(sheet, heading, widthChars * PX_PER_CHAR > PORTRAIT_PX);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) Math.min(Short.MAX_VALUE, rows / ROWS_PER_PAGE_AT_MOST + 1));
        sheet.setRepeatingRows(CellRangeAddress.valueOf("1:1"));
    }

    /** A chart sheet: the whole chart on one landscape page. */
    static void chartSheet(Sheet sheet, ReportHeading heading) {
        page(sheet, heading, true);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 1);
    }

    private static void page(Sheet sheet, ReportHeading heading, boolean landscape) {
        var setup = sheet.getPrintSetup();
        setup.setPaperSize(PrintSetup.A4_PAPERSIZE);
        setup.setLandscape(landscape);
        sheet.setMargin(PageMargin.LEFT, 0.5);
        sheet.setMargin(PageMargin.RIGHT, 0.5);
        sheet.setMargin(PageMargin.TOP, 0.75);
        sheet.setMargin(PageMargin.BOTTOM, 0.75);
        sheet.setMargin(PageMargin.HEADER, 0.3);
        sheet.setMargin(PageMargin.FOOTER, 0.3);
        sheet.getHeader().setLeft("&B" + section(heading.title()));
        sheet.getHeader().setCenter(section(heading.operator()));
        sheet.getHeader().setRight(section(heading.period()));
        sheet.getFooter().setLeft(section(heading.generated()));
        sheet.getFooter().setCenter("&A");
        sheet.getFooter().setRight("Page &P of &N");
    }

    /** Text as a header section shows it: ampersands doubled (a single one starts a code), shortened. */
    static String section(String text) {
        String shortened = text.length() <= MAX_SECTION ? text : text.substring(0, MAX_SECTION - 1) + "…";
        return shortened.replace("&", "&&");
    }
}
