import { subgraphCodegenConfig } from '@jobgraph/kit/codegen-config';

export default subgraphCodegenConfig({
  mappers: {
    User: '../resolvers/user.ts#UserReference',
    Plan: '../db/types.ts#Plan as PlanRow',
    Entitlement: '../db/types.ts#PlanEntitlement as PlanEntitlementRow',
    BillingSubscription: '../domain/subscription-view.ts#SubscriptionView',
    CreditBalance: '../resolvers/credit-balance.ts#CreditBalanceParent',
    CreditLedgerEntry: '../db/types.ts#CreditLedgerEntry as CreditLedgerEntryRow',
    CreditPack: '../db/types.ts#CreditPack as CreditPackRow',
    Payment: '../db/types.ts#Payment as PaymentRow',
    Invoice: '../db/types.ts#Invoice as InvoiceRow',
    InvoiceLine: '../resolvers/invoice.ts#InvoiceLineView',
    Commission: '../db/types.ts#Commission as CommissionRow',
    Purchase: '../db/types.ts#Purchase as PurchaseRow',
    CommissionConnection: '../resolvers/commission.ts#CommissionConnectionView',
  },
  scalars: {
    DateTime: 'Date',
    Currency: 'string',
    UUID: 'string',
  },
});
