package jp.nimo.projection.councils.pack;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.ViewBox;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.awt.Paint;
import java.awt.Rectangle;
import java.util.List;

/**
 * The pack's charts, drawn here with JFreeChart as SVG. The text is drawn as outlines of the pack's font,
 * so the PDF renderer needs no font of its own for it, and ids are fixed per chart, so that the same
 * figures always give the same SVG (the pack's content hash covers it).
 */
@Component
public class PackCharts {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final Paint[] SERIES = {new Color(0x1f5f8b), new Color(0xe07b39), new Color(0x4f9d69),
            new Color(0x8e6bb3), new Color(0xc9a227), new Color(0x7f7f7f), new Color(0xb5485a), new Color(0x3aa6b9)};

    private final PackFont font;

    public PackCharts(PackFont font) {
        this.font = font;
    }

    /** One bar of a chart: its series (colour), its category (place on the axis) and its value. */
    public record Bar(String series, String category, Number value) {
    }

    /** Evidence counts by month, stacked by kind; hidden counts are left out, never drawn as zero. */
    public String stacked(String id, List<Bar> bars, String valueLabel) {
        return svg(id, chart(bars, valueLabel, new StackedBarRenderer()));
    }

    /** Baselines, targets and actuals side by side per indicator and year. */
    public String grouped(String id, List<Bar> bars, String valueLabel) {
        return svg(id, chart(bars, valueLabel, new BarRenderer()));
    }

    private JFreeChart chart(List<Bar> bars, String valueLabel, BarRenderer renderer) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bar bar : bars) {
            data.addValue(bar.value(), bar.series(), bar.category());
        }
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setMaximumBarWidth(0.12);
        for (int i = 0; i < SERIES.length; i++) {
            renderer.setSeriesPaint(i, SERIES[i]);
        }
        CategoryAxis categories = new CategoryAxis();
        categories.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        categories.setMaximumCategoryLabelLines(3);
        NumberAxis values = new NumberAxis(valueLabel);
        values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart chart = new JFreeChart(null, font.awt(11f), plot, false);
        chart.addLegend(new LegendTitle(plot));
        StandardChartTheme theme = new StandardChartTheme("pack");
        theme.setExtraLargeFont(font.awt(14f));
        theme.setLargeFont(font.awt(11f));
        theme.setRegularFont(font.awt(10f));
        theme.setSmallFont(font.awt(9f));
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xdddddd));
        theme.setRangeGridlinePaint(new Color(0xdddddd));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        theme.apply(chart);
        for (int i = 0; i < SERIES.length; i++) {
            renderer.setSeriesPaint(i, SERIES[i]);
        }
        return chart;
    }

    private static String svg(String id, JFreeChart chart) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setDefsKeyPrefix(id);
        g2.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_VECTOR);
        chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        // no fixed size: the view box scales the chart to the box the pack's style sheet gives it
        return g2.getSVGElement(id, false, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
    }
}
