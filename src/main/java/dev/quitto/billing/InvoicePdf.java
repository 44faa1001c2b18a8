package dev.quitto.billing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.ITFWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.quitto.billing.DebtRepository.InvoiceRow;
import dev.quitto.platform.privacy.Masked;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.GrayColor;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

/**
 * The invoice PDF (billing.md 4.5), rendered on demand with OpenPDF, never stored: beneficiary, payer with masked
 * governmentId, nosso número, due date, amount in pt-BR, balance when partially paid, the formatted linha digitável,
 * the ITF (interleaved 2 of 5) barcode of the 44 digits (about 103 × 13 mm) and the PIX QR code with its text.
 * A SUPERSEDED or PAID invoice carries a watermark.
 */
@Component("billingInvoicePdf")
class InvoicePdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
    private static final Font LABEL = new Font(Font.HELVETICA, 8, Font.NORMAL, new GrayColor(0.35f));
    private static final Font VALUE = new Font(Font.HELVETICA, 11, Font.NORMAL);
    private static final Font LINE = new Font(Font.COURIER, 12, Font.BOLD);
    private static final Font SMALL = new Font(Font.COURIER, 7, Font.NORMAL);

    private final BillingSettings settings;

    InvoicePdf(BillingSettings settings) {
        this.settings = settings;
    }

    byte[] render(InvoiceRow invoice) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Document document = new Document(PageSize.A4, 40, 40, 40, 40);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            document.addTitle("Boleto " + nossoNumero(invoice));
            document.open();
            document.add(new Paragraph(settings.beneficiary().name(), TITLE));
            field(document, "Beneficiário", settings.beneficiary().name() + " — CNPJ " + settings.beneficiary().cnpj() + " — Banco "
                    + settings.beneficiary().bankCode() + ", agência " + settings.beneficiary().agency() + ", carteira " + settings.beneficiary().wallet());
            field(document, "Pagador", invoice.name() + " — documento " + Masked.governmentId(invoice.governmentId()));
            field(document, "Nosso número", nossoNumero(invoice));
            field(document, "Vencimento", DATE.format(invoice.dueDate()));
            field(document, "Valor do documento", BillingMail.money(invoice.amount()));
            BigDecimal balance = invoice.debtAmount().subtract(invoice.paidTotal());
            if (invoice.paidTotal().signum() > 0 && balance.signum() > 0) {
                field(document, "Saldo da dívida (pagamento parcial recebido)", BillingMail.money(balance));
            }
            document.add(new Paragraph("Linha digitável", LABEL));
            document.add(new Paragraph(Boleto.formatted(invoice.digitableLine()), LINE));
            Image barcode = Image.getInstance(png(barcodeMatrix(invoice.barcode())));
            barcode.scaleAbsolute(mm(103), mm(13));
            barcode.setSpacingBefore(8);
            document.add(barcode);
            document.add(new Paragraph("PIX copia e cola", LABEL));
            Image qr = Image.getInstance(png(qrMatrix(invoice.pixPayload())));
            qr.scaleAbsolute(mm(45), mm(45));
            document.add(qr);
            document.add(new Paragraph(invoice.pixPayload(), SMALL));
            if (!"OPEN".equals(invoice.status())) {
                watermark(writer.getDirectContentUnder(), "PAID".equals(invoice.status()) ? "PAGO" : "SUBSTITUÍDO");
            }
            document.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("The PDF of invoice " + invoice.id() + " could not be rendered", e);
        }
        return out.toByteArray();
    }

    /** PDF points (1/72 inch) of a length in millimetres. */
    private static float mm(int millimetres) {
        return millimetres * 72f / 25.4f;
    }

    static String nossoNumero(InvoiceRow invoice) {
        return String.format(Locale.ROOT, "%011d", invoice.nossoNumero());
    }

    private static void field(Document document, String label, String value) {
        Paragraph paragraph = new Paragraph();
        paragraph.add(new Phrase(label + "\n", LABEL));
        paragraph.add(new Phrase(value, VALUE));
        paragraph.setSpacingAfter(4);
        document.add(paragraph);
    }

    private static void watermark(PdfContentByte under, String text) {
        ColumnText.showTextAligned(under, Element.ALIGN_CENTER, new Phrase(text, new Font(Font.HELVETICA, 90, Font.BOLD, new GrayColor(0.85f))),
                PageSize.A4.getWidth() / 2, PageSize.A4.getHeight() / 2, 45);
    }

    /** ITF of the 44 digits, 2 px per narrow module, with quiet zones. */
    static BitMatrix barcodeMatrix(String digits) {
        return new ITFWriter().encode(digits, BarcodeFormat.ITF, 0, 80, Map.of(EncodeHintType.MARGIN, 10));
    }

    static BitMatrix qrMatrix(String payload) {
        try {
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 300, 300,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalStateException("The PIX payload does not fit a QR code", e);
        }
    }

    private static byte[] png(BitMatrix matrix) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
