package core

import (
	"math"
	"strconv"
	"strings"
)

// orderCompleted logs one purchase per product of an Order Completed event.
func (m *Mapper) orderCompleted(ev *Event, r *Result) {
	currency, ok := m.currency(ev.Properties, r)
	if !ok {
		return
	}
	_, raw, _ := objcase(ev.Properties, "products")
	products, isArray := raw.([]any)
	if !isArray || len(products) == 0 {
		if raw != nil && !isArray {
			r.warn("properties.products", CodeInvalidType, "expected an array of products but got %s", describe(raw))
		}
		r.warn("properties.products", CodeNoPurchase, "%q has no products: no purchase logged", ev.Event)
		return
	}
	root := m.purchaseRoot(ev.Properties, r)
	for i, p := range products {
		m.productPurchase(r, p, "properties.products["+strconv.Itoa(i)+"]", currency, root)
	}
}

// revenuePurchase handles a track with revenue when
// logPurchaseWhenRevenuePresent is on: per product when it has products,
// else one purchase named after the event (the seed's rule).
func (m *Mapper) revenuePurchase(ev *Event, r *Result) {
	if _, products, ok := objcase(ev.Properties, "products"); ok {
		if a, ok := products.([]any); ok && len(a) > 0 {
			m.orderCompleted(ev, r)
			return
		}
	}
	price, ok := parsePrice(ev.Properties["revenue"])
	if !ok {
		r.warn("properties.revenue", CodeInvalidPrice, "revenue %s is not a number: sent as a custom event instead of a purchase", describe(ev.Properties["revenue"]))
		m.customEvent(r, ev.Event, ev.Properties)
		return
	}
	currency, ok := m.currency(ev.Properties, r)
	if !ok {
		return
	}
	id, ok := productID(ev.Event, "event", r)
	if !ok {
		return
	}
	props := m.propsFilter(purchaseReserved, true).apply(ev.Properties, "properties", r, "revenue", "currency", "products")
	fitSize(props, "properties", r)
	r.call(MethodLogPurchase, id, price, currency, float64(1), props)
}

// purchaseRoot returns the order-level properties every purchase carries.
func (m *Mapper) purchaseRoot(props map[string]any, r *Result) map[string]any {
	productsKey, _, _ := objcase(props, "products")
	return m.propsFilter(purchaseReserved, true).apply(props, "properties", r, productsKey, "currency")
}

func (m *Mapper) productPurchase(r *Result, raw any, path, currency string, root map[string]any) {
	p, ok := raw.(map[string]any)
	if !ok {
		r.warn(path, CodeInvalidProduct, "expected a product object but got %s: no purchase logged", describe(raw))
		return
	}
	idKey, idVal, ok := objcase(p, "product_id")
	if !ok || idVal == nil || idVal == "" {
		// Ecommerce spec v1 and the server-side integration used "id".
		idKey, idVal, ok = "id", p["id"], p["id"] != nil && p["id"] != ""
	}
	if !ok {
		r.warn(path+".product_id", CodeInvalidProductID, "the product has no product_id or id: no purchase logged")
		return
	}
	id, ok := productID(idVal, path+"."+idKey, r)
	if !ok {
		return
	}
	priceKey, priceVal, _ := objcase(p, "price")
	price, ok := parsePrice(priceVal)
	if !ok {
		r.warn(path+".price", CodeInvalidPrice, "price %s is not a number: no purchase logged", describe(priceVal))
		return
	}
	quantity := quantity(p["quantity"], path+".quantity", r)
	props := m.propsFilter(purchaseReserved, true).apply(p, path, r, idKey, priceKey, "quantity")
	for k, v := range root {
		if _, shadowed := props[k]; !shadowed {
			props[k] = v
		}
	}
	fitSize(props, path, r)
	r.call(MethodLogPurchase, id, price, currency, quantity, props)
}

// productID validates a product id: a string (numbers are converted) of
// at most 255 characters, not starting with "$".
func productID(v any, field string, r *Result) (string, bool) {
	var id string
	switch v := v.(type) {
	case string:
		id = v
	case float64:
		id = strconv.FormatFloat(v, 'f', -1, 64)
	default:
		r.warn(field, CodeInvalidProductID, "product id %s is not a string: no purchase logged", describe(v))
		return "", false
	}
	if id == "" || len(id) > MaxStringLen || strings.HasPrefix(id, "$") {
		r.warn(field, CodeInvalidProductID, "product id %q must be 1-%d characters and not start with $: no purchase logged", id, MaxStringLen)
		return "", false
	}
	return id, true
}

// parsePrice reads a price or revenue: a finite number, or a numeric
// string with an optional leading "$".
func parsePrice(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), "$")), 64)
		return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
	}
	return 0, false
}

// quantity reads a product quantity: missing means 1; Braze takes whole
// numbers from 1 to 100, so other values are brought into range.
func quantity(v any, field string, r *Result) float64 {
	if v == nil {
		return 1
	}
	q, ok := parsePrice(v)
	if !ok {
		r.warn(field, CodeQuantityClamped, "quantity %s is not a number: 1 used", describe(v))
		return 1
	}
	if _, isString := v.(string); isString {
		r.warn(field, CodeConvertedType, "quantity %s is a string: converted to %g", describe(v), q)
	}
	c := math.Max(MinQuantity, math.Min(MaxQuantity, math.Round(q)))
	if c != q {
		r.warn(field, CodeQuantityClamped, "quantity %s must be a whole number from %d to %d: %g used", describe(v), MinQuantity, MaxQuantity, c)
	}
	return c
}

// currency returns the order's currency (exact key "currency", default
// USD), upper-cased; an unknown code drops the order since Braze would
// reject every purchase in it.
func (m *Mapper) currency(props map[string]any, r *Result) (string, bool) {
	v, ok := props["currency"]
	if !ok || !truthy(v) {
		return "USD", true
	}
	s, isString := v.(string)
	code := strings.ToUpper(strings.TrimSpace(s))
	if !isString || !isCurrency(code) {
		r.warn("properties.currency", CodeInvalidCurrency, "currency %s is not an ISO 4217 code: no purchase logged", describe(v))
		return "", false
	}
	return code, true
}

// currencies lists the ISO 4217 codes Braze accepts, three letters each.
const currencies = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTC BTN BWP BYN BYR BZD " +
	"CAD CDF CHF CLF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EEK EGP ERN ETB EUR FJD FKP GBP GEL GGP GHS GIP GMD GNF " +
	"GTQ GYD HKD HNL HRK HTG HUF IDR ILS IMP INR IQD IRR ISK JEP JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR " +
	"LRD LSL LTL LVL LYD MAD MDL MGA MKD MMK MNT MOP MRO MRU MTL MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN " +
	"PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD STD STN SVC SYP SZL THB TJS TMT TND " +
	"TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VEF VES VND VUV WST XAF XAG XAU XCD XDR XOF XPD XPF XPT YER ZAR ZMK ZMW ZWL"

func isCurrency(code string) bool {
	if len(code) != 3 {
		return false
	}
	for i := 0; i+3 <= len(currencies); i += 4 {
		if currencies[i:i+3] == code {
			return true
		}
	}
	return false
}
