import { create } from 'zustand';
import { t } from '@/lib/i18n';
import { callBackground } from '@/lib/messaging/background-client';
import type { NetworkInfo, WalletName } from '@/lib/messaging/operations-api';

/** A transfer filled in elsewhere (to cover a negative balance): the transfer form starts from it. */
export interface TransferDraft {
  fromId: string;
  toId: string;
  fromWallet: WalletName;
  toWallet: WalletName;
  asset: string;
  amount: string;
}

interface OperationsStore {
  network: NetworkInfo | null;
  networkError: string | null;
  /** The master whose family the operations screens show. */
  masterId: string | null;
  /** Bumped when an operation may have joined "Interrupted operations": the list reads it again. */
  journalVersion: number;
  journalChanged(): void;
  transferDraft: TransferDraft | null;
  draftTransfer(draft: TransferDraft | null): void;
  loadNetwork(): Promise<void>;
  setNetwork(network: NetworkInfo): void;
  selectMaster(id: string | null): void;
}

/** The operations screens' shared state: the network in use and the selected master. */
export const useOperationsStore = create<OperationsStore>((set) => ({
  network: null,
  networkError: null,
  masterId: null,
  journalVersion: 0,
  transferDraft: null,
  draftTransfer(transferDraft) {
    set({ transferDraft });
  },
  journalChanged() {
    set((state) => ({ journalVersion: state.journalVersion + 1 }));
  },
  async loadNetwork() {
    try {
      set({ network: await callBackground('aster.network', {}), networkError: null });
    } catch (error) {
      set({
        networkError: error instanceof Error ? error.message : t('operations.network.unreadable'),
      });
    }
  },
  setNetwork(network) {
    set({ network, networkError: null });
  },
  selectMaster(masterId) {
    set({ masterId });
  },
}));
