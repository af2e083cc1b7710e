import { BaseError as ViemBaseError } from "viem";

export const docsBaseUrl = "https://github.com/Phala-Network/phala-l2/blob/main/packages/sdk/README.md";

export type BaseErrorType = BaseError & { name: "PhalaSdkError" };

/** Base of every error the SDK throws: viem's `BaseError` (shortMessage, metaMessages, walk) under our own name. */
export class BaseError extends ViemBaseError {
  override name = "PhalaSdkError";
  constructor(shortMessage: string, args: ConstructorParameters<typeof ViemBaseError>[1] = {}) {
    super(shortMessage, { docsBaseUrl, ...args });
  }
}
