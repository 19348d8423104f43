package wire

// Customer is oapi.Customer with value fields. The struct names match the
// generated ones, so encoding/json names the same struct in its errors.
type Customer struct {
	CorporateIdentityNumber string         `json:"corporateIdentityNumber"`
	InvoiceEmail            String         `json:"invoiceEmail"`
	Name                    string         `json:"name"`
	Number                  String         `json:"number"`
	PostalAddress           *PostalAddress `json:"postalAddress"`
}

// PostalAddress is oapi.PostalAddress with value fields.
type PostalAddress struct {
	Address1    String `json:"address1"`
	Address2    String `json:"address2"`
	Address3    String `json:"address3"`
	City        String `json:"city"`
	CountryCode String `json:"countryCode"`
	State       String `json:"state"`
	ZipCode     String `json:"zipCode"`
}

// CustomerPage is oapi.CustomerPage (the assumed list envelope) with value
// fields. Page is not used but checked, as the generated model checked it.
type CustomerPage struct {
	Items      []Customer `json:"items"`
	Page       Int32      `json:"page"`
	PageSize   Int32      `json:"pageSize"`
	TotalCount Int32      `json:"totalCount"`
}
