package dev.quitto.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.ITFReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Acceptance item 25 of billing.md: the PDF's text, and its barcode and QR images decoded back with ZXing readers. */
class InvoicePdfTests {

    static final String BARCODE = "23796960000007811001234090000000000100123450";
    static final String PIX = PixCode.payload(BoletoAndPixEncodingTests.QUITTO, 1, "7811.00");

    private static DebtRepository.InvoiceRow elijah(String status) {
        return new DebtRepository.InvoiceRow(UUID.randomUUID(), 1, "ea23f2ca-663a-4266-a742-9da4c9f4fcb3", 1, new BigDecimal("7811.00"),
                LocalDate.of(2024, 1, 19), BARCODE, Boleto.digitableLine(BARCODE), PIX, status, OffsetDateTime.of(2026, 11, 22, 12, 0, 0, 0, ZoneOffset.UTC),
                null, "Elijah Santos", "9558", "janet95@example.com", new BigDecimal("7811.00"), BigDecimal.ZERO);
    }

    private static byte[] render(String status) {
        BillingSettings settings = TestSettings.settings();
        return new InvoicePdf(settings).render(elijah(status));
    }

    @Test
    void theTextHoldsTheLineTheAmountTheDueDateAndThePayer() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(render("OPEN"))) {
            String text = new PDFTextStripper().getText(pdf);

            assertThat(text).contains("23791.23405 90000.000001 01001.234507 6 96000000781100").contains("R$ 7.811,00")
                    .contains("19/01/2024").contains("Elijah Santos").contains("**58").doesNotContain("9558 ");
        }
    }

    @Test
    void theBarcodeImageDecodesToThe44DigitsAndTheQrToThePixPayload() throws Exception {
        List<BufferedImage> images = images(render("OPEN"));

        assertThat(images).hasSize(2);
        Result barcode = new ITFReader().decode(bitmap(images.get(0)), Map.of(DecodeHintType.ALLOWED_LENGTHS, new int[] {44},
                DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.ITF), DecodeHintType.TRY_HARDER, true));
        Result qr = new QRCodeReader().decode(bitmap(images.get(1)));
        assertThat(barcode.getText()).isEqualTo(BARCODE);
        assertThat(qr.getText()).isEqualTo(PIX);
    }

    @Test
    void aPaidInvoiceCarriesAWatermark() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(render("PAID"))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("PAGO");
        }
    }

    private static BinaryBitmap bitmap(BufferedImage image) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        return new BinaryBitmap(new HybridBinarizer(source));
    }

    private static List<BufferedImage> images(byte[] bytes) throws Exception {
        List<BufferedImage> images = new ArrayList<>();
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            PDResources resources = pdf.getPage(0).getResources();
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDImageXObject image) {
                    images.add(image.getImage());
                }
            }
        }
        images.sort((a, b) -> Integer.compare(b.getWidth() * 1000 / Math.max(1, b.getHeight()), a.getWidth() * 1000 / Math.max(1, a.getHeight())));
        return images;
    }
}
