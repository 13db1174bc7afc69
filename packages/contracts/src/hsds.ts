/** Open Referral HSDS 3 documents of the catalogue (issue 5/5): added by the hsds module. */
export {};
