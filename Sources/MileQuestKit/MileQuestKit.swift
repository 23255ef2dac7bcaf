// The Kit is what the CLI and the tests import: the layers below it come with it, except the
// store back ends (MileQuestSQLite, …), which only `StoreOpener` names.
@_exported import MileQuestCore
@_exported import MileQuestExchange
@_exported import MileQuestPictures
@_exported import MileQuestStore
